/** Undo steps, run last-in first-out; one failing does not stop the others. */
export class Cleanup {
  private readonly steps: { what: string; undo: () => unknown }[] = [];

  add(what: string, undo: () => unknown): void {
    this.steps.push({ what, undo });
  }

  /** Runs every step once; answers what failed. */
  async run(): Promise<string[]> {
    const failed: string[] = [];
    for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
      try {
        await step.undo();
      } catch (error) {
        failed.push(`${step.what}: ${(error as Error).message}`);
      }
    }
    return failed;
  }
}
