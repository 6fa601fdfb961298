/**
 * V8 heap limits for the api and the worker (also in package.json's start:api / start:worker, docker/compose.yml
 * and docker/Dockerfile). Left alone, V8 lets garbage grow a heap far past what is live before it collects: the
 * worker's live heap is ~40 MB under load and its RSS reached 285–311 MB; the api's (~60 MB live) reached
 * 260–335 MB. Capped, both stay under 200 MB RSS in `npm run bench:webhooks`, and `npm run bench:feeds` measured
 * the api's feed throughput the same capped as uncapped (7,731 and 7,907 req/s for a 200).
 */
export const HEAP_OPTIONS = '--max-old-space-size=96 --max-semi-space-size=8';

/** A process's environment with the heap limits first, so that NODE_OPTIONS set by the operator win. */
export const withHeapLimits = (env = process.env) => ({ ...env, NODE_OPTIONS: `${HEAP_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim() });
