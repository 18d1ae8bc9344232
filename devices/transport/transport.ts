// One small byte-stream interface for every device link (serial, TCP, USB printer class, HID).
// A transport is opened once; when the link ends (unplugged, socket closed, close() called) it
// emits `close` exactly once, with the error that ended it if any. Reopening is the job of
// ReconnectingTransport, which makes a fresh transport each time.

import { EventEmitter } from 'node:events';

export interface TransportEvents {
  data: [chunk: Buffer];
  close: [error?: Error];
}

export interface Transport {
  /** For health details and logs, e.g. "serial /dev/ttyUSB0". */
  readonly label: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  on<E extends keyof TransportEvents>(event: E, listener: (...args: TransportEvents[E]) => void): this;
  off<E extends keyof TransportEvents>(event: E, listener: (...args: TransportEvents[E]) => void): this;
}

export abstract class BaseTransport extends EventEmitter<TransportEvents> implements Transport {
  private state: 'new' | 'open' | 'closed' = 'new';

  abstract readonly label: string;

  get isOpen(): boolean {
    return this.state === 'open';
  }

  abstract open(): Promise<void>;
  abstract write(data: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  protected markOpen(): void {
    this.state = 'open';
  }

  /** Call from every path that ends the link; emits `close` only the first time. */
  protected markClosed(error?: Error): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    if (wasOpen) this.emit('close', error);
  }

  protected received(chunk: Buffer): void {
    this.emit('data', chunk);
  }

  protected assertOpen(): void {
    if (this.state !== 'open') throw new TransportClosedError(this.label);
  }
}

export class TransportClosedError extends Error {
  constructor(label: string) {
    super(`${label} is not open`);
    this.name = 'TransportClosedError';
  }
}

export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
