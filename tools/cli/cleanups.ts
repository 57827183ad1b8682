/**
 * What a CLI must undo before it exits (a simulator it started, a browser it opened), newest
 * first. The same steps run from a `finally` and on SIGINT/SIGTERM, so neither a failure half
 * way through nor Ctrl-C leaves a process behind. (SIGKILL cannot be caught by anyone.)
 */
export class Cleanups {
  private readonly steps: (() => unknown)[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly command: string) {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        process.stderr.write(`${this.command}: ${signal}, cleaning up\n`);
        void this.run().then(() => process.exit(code));
      });
    }
  }

  /** Registers a step to run at the end; register it right after the thing it undoes exists. */
  add(step: () => unknown): void {
    this.steps.push(step);
  }

  /** Runs every step once, newest first; a failing step is reported and does not stop the others. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
        try {
          await step();
        } catch (error) {
          process.stderr.write(`${this.command}: cleaning up failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    })();
    return this.running;
  }
}
