import { ApiError, type Problem } from './problem';

const KEY = 'tradeTimeline.apiKey';

/** The API key lives in sessionStorage only: gone when the tab closes, never in a URL. */
export const apiKeyStore = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string): void => sessionStorage.setItem(KEY, key),
  clear: (): void => sessionStorage.removeItem(KEY),
};

export interface ApiRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: URLSearchParams;
  /** Overrides the stored key (sign in checks a key before storing it). */
  key?: string;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the public v1 API (same origin) with the signed-in key. Non-2xx answers throw an ApiError. */
export async function api<T = unknown>(path: string, request: ApiRequest = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  const key = request.key ?? apiKeyStore.get();
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  const query = request.query?.toString();
  const response = await fetch(query ? `${path}?${query}` : path, { method: request.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const problem: Problem = typeof parsed === 'object' && parsed !== null ? (parsed as Problem) : { title: String(parsed ?? '') };
    throw new ApiError(response.status, { status: response.status, ...problem });
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** `api` returning the body only. */
export async function apiBody<T = unknown>(path: string, request: ApiRequest = {}): Promise<T> {
  return (await api<T>(path, request)).body;
}
