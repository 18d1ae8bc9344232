// A connected pair of real ttys made by socat: a driver opens one end, a simulator the other. Used by
// `npm run simulate -- … --pair` and by the pty tests. socat is spawned directly (no shell), so the
// PID held is socat's own and stop() ends only it.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class SocatMissingError extends Error {
  constructor() {
    super('socat is not installed: it makes the pty pair (Debian: apt-get install socat)');
    this.name = 'SocatMissingError';
  }
}

export function hasSocat(): boolean {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

export class SocatPair {
  /** The end a driver (hub or agent) opens. */
  readonly a: string;
  /** The end a simulator opens. */
  readonly b: string;
  private child: ChildProcess | undefined;

  private constructor(
    readonly dir: string,
    names: [string, string],
  ) {
    this.a = path.join(dir, names[0]);
    this.b = path.join(dir, names[1]);
  }

  /** Starts socat with links `<tmp dir>/<names[0]>` and `<tmp dir>/<names[1]>`. */
  static async start(names: [string, string] = ['A', 'B']): Promise<SocatPair> {
    if (!hasSocat()) throw new SocatMissingError();
    const pair = new SocatPair(mkdtempSync(path.join(tmpdir(), 'yichuang-pty-')), names);
    await pair.plug();
    return pair;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts socat (again) with the same link paths: a replugged device. */
  async plug(): Promise<void> {
    if (this.running) return;
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    const ready = (async () => {
      for (let i = 0; i < 200; i++) {
        if (existsSync(this.a) && existsSync(this.b) && log.includes('starting data transfer loop')) return;
        if (child.exitCode !== null) throw new Error(`socat exited early (${child.exitCode}): ${log}`);
        await sleep(25);
      }
      throw new Error(`socat did not create ${this.a} and ${this.b} in time: ${log}`);
    })();
    await Promise.race([ready, spawnError]);
  }

  /** Kills socat: both ends see their tty go away, as when a USB-serial adapter is pulled. */
  async unplug(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    this.child = undefined;
  }

  async stop(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
