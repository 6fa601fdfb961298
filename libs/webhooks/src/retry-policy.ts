/** How long to wait before attempt `nextAttempt` (0-based index into the schedule), with ±jitter. */
export function scheduledDelay(schedule: number[], nextAttempt: number, jitter: number, random: () => number = Math.random): number {
  const base = schedule[Math.min(nextAttempt, schedule.length - 1)] ?? 0;
  if (base === 0 || jitter === 0) return base;
  const factor = 1 + (random() * 2 - 1) * jitter;
  return Math.max(0, Math.round(base * factor));
}

const MAX_RETRY_AFTER_MS = 10 * 3_600_000;

/** Retry-After as seconds or an HTTP date → milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const ms = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) * 1000 : Date.parse(raw) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** The delay before the next attempt: the server's Retry-After when it sent one (429/503), else the schedule. */
export function nextDelay(schedule: number[], nextAttempt: number, jitter: number, retryAfterMs?: number): number {
  return retryAfterMs ?? scheduledDelay(schedule, nextAttempt, jitter);
}
