// The agent's durable outbox: an append-only JSON-lines file. A press is written (and fsynced) before
// it is sent; an ack is appended when the hub answers. After a crash or restart, every press without
// an ack line is still pending and is sent again, in order. On open the file is compacted (rewritten
// with the pending presses only, through a fsynced temp file and a rename), so it stays small.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { pressSchema, type Press, type PressAck } from './protocol.js';

type Line = { t: 'press'; press: Press } | { t: 'ack'; id: string; ack: PressAck };

export class Outbox {
  private readonly pendingById = new Map<string, Press>();
  private readonly answered = new Map<string, PressAck>();
  private fd: number;

  private constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.load();
    this.compact();
    this.fd = openSync(path, 'a');
  }

  /** Opens (or creates) the outbox file; pending presses from an earlier run are kept. */
  static open(path: string): Outbox {
    return new Outbox(path);
  }

  /** Presses not yet answered by the hub, oldest first. */
  pending(): Press[] {
    return [...this.pendingById.values()];
  }

  /** The hub's answer to a press recorded in this run (or before the last compaction: undefined). */
  answer(id: string): PressAck | undefined {
    return this.answered.get(id);
  }

  /** Records a new press durably; returns once it is on disk. */
  add(press: Press): void {
    if (this.pendingById.has(press.id) || this.answered.has(press.id)) return;
    this.append({ t: 'press', press });
    this.pendingById.set(press.id, press);
  }

  /** Records the hub's final answer; the press is no longer sent. */
  ack(id: string, ack: PressAck): void {
    if (!this.pendingById.has(id)) return;
    this.append({ t: 'ack', id, ack });
    this.pendingById.delete(id);
    this.answered.set(id, ack);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private append(line: Line): void {
    if (this.fd < 0) throw new Error(`outbox ${this.path} is closed`);
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }

  private load(): void {
    if (!existsSync(this.path)) return;
    const lines = readFileSync(this.path, 'utf8').split('\n');
    lines.forEach((raw, i) => {
      if (raw.trim() === '') return;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        // A torn last line (power cut mid-write) was never acknowledged to anyone: drop it.
        if (i >= lines.length - 2) return;
        throw new Error(`outbox ${this.path}: line ${i + 1} is not JSON`);
      }
      if (line.t === 'press') {
        const press = pressSchema.safeParse(line.press);
        if (!press.success) throw new Error(`outbox ${this.path}: line ${i + 1} is not a valid press`);
        if (!this.answered.has(press.data.id)) this.pendingById.set(press.data.id, press.data);
      } else if (line.t === 'ack' && typeof line.id === 'string') {
        this.pendingById.delete(line.id);
        this.answered.set(line.id, line.ack);
      }
    });
  }

  private compact(): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      const body = this.pending().map((press) => `${JSON.stringify({ t: 'press', press } satisfies Line)}\n`).join('');
      if (body) writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    const dir = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
