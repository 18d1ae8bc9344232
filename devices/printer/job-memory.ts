// Remembers which print jobs went out, so a retry of the same job id (a kiosk that timed out and
// asked again) never prints a second ticket. Bounded: the oldest ids are forgotten first.
export class JobMemory {
  private readonly ids = new Set<string>();

  constructor(private readonly limit = 1000) {}

  has(jobId: string): boolean {
    return this.ids.has(jobId);
  }

  add(jobId: string): void {
    this.ids.add(jobId);
    for (const old of this.ids) {
      if (this.ids.size <= this.limit) break;
      this.ids.delete(old);
    }
  }
}
