// Runs async tasks one at a time: a request/response device must not see a status query in the
// middle of a job, nor two requests whose answers could be confused.
export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
