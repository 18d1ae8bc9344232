// Keeps a device link up: opens a fresh transport, and when it fails to open or drops (unplugged
// USB-serial adapter, closed socket, printer switched off) says `down` and tries again with a
// capped exponential backoff. When the device comes back it says `up` by itself.

import { EventEmitter } from 'node:events';
import { TransportClosedError, toError, type Transport } from './transport.js';

export interface BackoffOptions {
  /** First retry delay. Default 500 ms. */
  initialDelayMs?: number;
  /** Cap on the retry delay. Default 10 s. */
  maxDelayMs?: number;
  /** Growth per failed attempt. Default 2. */
  factor?: number;
}

export interface LinkEvents {
  data: [chunk: Buffer];
  up: [];
  down: [reason: string];
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 10_000;
  const factor = options.factor ?? 2;
  return Math.min(max, initial * factor ** attempt);
}

type LinkState = 'idle' | 'opening' | 'up' | 'down' | 'closed';

export class ReconnectingTransport extends EventEmitter<LinkEvents> {
  private state: LinkState = 'idle';
  private current: Transport | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private reportedDown = false;
  private lastReason = 'not connected yet';

  constructor(
    private readonly create: () => Transport,
    private readonly backoff: BackoffOptions = {},
    readonly label = create().label,
  ) {
    super();
  }

  get isUp(): boolean {
    return this.state === 'up';
  }

  get downReason(): string {
    return this.lastReason;
  }

  start(): void {
    if (this.state === 'idle') void this.attempt();
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.state !== 'up' || !this.current) throw new TransportClosedError(this.label);
    await this.current.write(data);
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    const t = this.current;
    this.current = undefined;
    await t?.close();
  }

  private async attempt(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'opening';
    const transport = this.create();
    try {
      await transport.open();
    } catch (e) {
      this.scheduleRetry(describe(toError(e)));
      return;
    }
    if (this.isClosed()) {
      await transport.close();
      return;
    }
    this.current = transport;
    this.failures = 0;
    this.reportedDown = false;
    this.state = 'up';
    transport.on('data', (chunk) => this.emit('data', chunk));
    transport.on('close', (err) => {
      if (this.current !== transport || this.isClosed()) return;
      this.current = undefined;
      this.scheduleRetry(err ? describe(err) : 'link closed');
    });
    this.emit('up');
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private scheduleRetry(reason: string): void {
    if (this.isClosed()) return;
    const wasUp = this.state === 'up' || !this.reportedDown;
    this.state = 'down';
    this.lastReason = reason;
    if (wasUp) {
      this.reportedDown = true;
      this.emit('down', reason);
    }
    const delay = backoffDelay(this.failures++, this.backoff);
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
    this.retryTimer.unref?.();
  }
}

function describe(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
}
