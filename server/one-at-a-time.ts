// Edits that read what is in force and then commit against it run one after another, so each is judged
// against the result of the one before (a failed one does not stop the next).

export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
