/**
 * Coalesces concurrent calls into batched runs. Calls made in the same turn of the event loop, and calls made
 * while `maxInFlight` runs are busy, go together in the next run (at most `maxBatch` each). There is no timer:
 * an idle process adds no latency, and a busy one pays one round trip per batch instead of one per call.
 */
export class Coalescer<I, O> {
  private waiting: { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 2,
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      void this.runBatch(batch.map((b) => b.input))
        .then(
          (outputs) => batch.forEach((b, i) => b.resolve(outputs[i])),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  private async runBatch(inputs: I[]): Promise<O[]> {
    const outputs = await this.run(inputs);
    if (outputs.length !== inputs.length) throw new Error(`A batch of ${inputs.length} produced ${outputs.length} results`);
    return outputs;
  }
}
