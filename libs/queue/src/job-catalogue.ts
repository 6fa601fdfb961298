/**
 * Every job the system runs: its queue and its payload. Payloads carry ids only — never secrets or rows;
 * the job id deduplicates (outbox id, delivery id), so enqueuing twice runs once.
 */
export interface JobCatalogue {
  /** Match one outbox row (a committed change) against subscriptions and create its deliveries. */
  'outbox.fan-out': { outboxId: string };
  /** Send one delivery: sign, POST, record the attempt. */
  'delivery.send': { deliveryId: string };
}

export type JobName = keyof JobCatalogue;

export const QUEUE_OF: { [J in JobName]: string } = {
  'outbox.fan-out': 'fan-out',
  'delivery.send': 'deliveries',
};

export const QUEUE_NAMES = [...new Set(Object.values(QUEUE_OF))];

export const JOB_NAMES = Object.keys(QUEUE_OF) as JobName[];

/** A handler for each job; the worker checks at boot that none is missing. */
export type JobHandlers = { [J in JobName]: (payload: JobCatalogue[J], attempt: number) => Promise<void> };
