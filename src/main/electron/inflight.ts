/** Counts handler calls under way, so quitting can wait for a write to finish instead of cutting it. */
export class Inflight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await fn();
    } finally {
      this.count--;
      if (this.count === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  get busy(): boolean {
    return this.count > 0;
  }

  /** Resolves when nothing is under way (at once if nothing is). */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
