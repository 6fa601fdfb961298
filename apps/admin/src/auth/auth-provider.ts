import type { AuthProvider } from 'react-admin';
import { api, apiKeyStore } from '../api/http';
import { ApiError } from '../api/problem';

export type Role = 'admin' | 'editor' | 'ingest' | 'subscriber';

export interface Me {
  keyId: string;
  name: string;
  role: Role;
}

const ME = 'tradeTimeline.me';

/** Who the signed-in key is, as GET /v1/me said at sign-in. */
export function currentMe(): Me | null {
  const raw = sessionStorage.getItem(ME);
  return raw && apiKeyStore.get() ? (JSON.parse(raw) as Me) : null;
}

/** What each role may open: admin ⊃ editor ⊃ ingest; subscriber sees its own subscriptions and deliveries. */
export function can(role: Role | undefined, what: 'events' | 'curate' | 'subscriptions' | 'keys' | 'dashboard'): boolean {
  switch (what) {
    case 'events':
      return role === 'admin' || role === 'editor' || role === 'ingest';
    case 'curate':
    case 'dashboard':
      return role === 'admin' || role === 'editor';
    case 'subscriptions':
      return role === 'admin' || role === 'editor' || role === 'subscriber';
    case 'keys':
      return role === 'admin';
  }
}

/** Signs in by asking the API who the key is; nothing is stored unless the API accepts it. */
export const authProvider: AuthProvider = {
  async login({ apiKey }: { apiKey: string }) {
    const key = apiKey.trim();
    if (!key) throw new Error('Enter an API key.');
    try {
      const { body } = await api<Me>('/v1/me', { key });
      apiKeyStore.set(key);
      sessionStorage.setItem(ME, JSON.stringify(body));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw new Error('That API key was not accepted: it is wrong, revoked or expired.');
      }
      throw new Error(`Could not sign in: ${(error as Error).message}`);
    }
  },
  async logout() {
    apiKeyStore.clear();
    sessionStorage.removeItem(ME);
  },
  async checkAuth() {
    if (!currentMe()) throw new Error('Sign in first');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      apiKeyStore.clear();
      sessionStorage.removeItem(ME);
      throw new Error('Your key is no longer accepted; sign in again');
    }
  },
  async getPermissions() {
    return currentMe()?.role;
  },
  async getIdentity() {
    const me = currentMe();
    if (!me) throw new Error('Not signed in');
    return { id: me.keyId, fullName: `${me.name} (${me.role})` };
  },
};
