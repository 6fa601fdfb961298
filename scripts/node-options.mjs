/**
 * V8 heap limits for the worker (also in package.json's start:worker and docker/compose.yml). Its live heap is
 * ~40 MB under load; without a cap V8 lets garbage grow the heap past 200 MB before it collects. A smaller young
 * generation and a 96 MB old generation keep its RSS under 200 MB (`npm run bench:webhooks` measures it).
 * The api is left uncapped: rendering feeds allocates fast, and a capped heap cost it half its feed throughput.
 */
export const WORKER_HEAP_OPTIONS = '--max-old-space-size=96 --max-semi-space-size=8';

/** The worker's environment: the heap options first, so that NODE_OPTIONS set by the operator win. */
export const workerEnv = (env = process.env) => ({ ...env, NODE_OPTIONS: `${WORKER_HEAP_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim() });
