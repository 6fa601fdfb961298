import { describe, expect, it } from 'vitest';
import { assertEveryJobHandled } from './job-runner';

describe('the worker refuses to boot without a handler for every job', () => {
  it('names the missing job', () => {
    expect(() => assertEveryJobHandled({ 'outbox.fan-out': () => Promise.resolve() })).toThrow(/delivery\.send/);
  });

  it('accepts a complete set', () => {
    const handlers = { 'outbox.fan-out': () => Promise.resolve(), 'delivery.send': () => Promise.resolve() };
    expect(() => assertEveryJobHandled(handlers)).not.toThrow();
  });
});
