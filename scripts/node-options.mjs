/**
 * V8 heap limits for the api and the worker (also in package.json's start:api / start:worker, docker/compose.yml
 * and docker/Dockerfile). Left alone, V8 lets garbage grow a heap far past what is live before it collects: the
 * worker's live heap is ~40 MB under load and its RSS reached 285–311 MB; the api's (~60 MB live) reached
 * 260–335 MB. Capped, both stay under 200 MB RSS in `npm run bench:webhooks`, and `npm run bench:feeds` measured
 * the api's feed throughput the same capped as uncapped (7,731 and 7,907 req/s for a 200).
 */
export const HEAP_OPTIONS = '--max-old-space-size=96 --max-semi-space-size=8';

/**
 * How far the old generation may grow past what the last full collection left live before the next one: double
 * (`--heap-growing-percent=100`) instead of V8's 1.3 for a heap capped this small. At 1,060 deliveries/s the worker
 * promotes about 4 MB/s; at 1.3 it ran a full collection every 1.6 s, and each one delayed the deliveries around
 * it by 40–70 ms, about 3 % of them, which made the p99. Doubled, it runs one every 4 s, RSS unchanged
 * (`npm run bench:webhooks`; the README's benchmark section has the runs). V8 refuses this flag in NODE_OPTIONS,
 * so it goes on the command line (package.json, scripts/start.mjs, docker/).
 */
export const GC_FLAGS = ['--heap-growing-percent=100'];

/** A process's environment with the heap limits first, so that NODE_OPTIONS set by the operator win. */
export const withHeapLimits = (env = process.env) => ({ ...env, NODE_OPTIONS: `${HEAP_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim() });
