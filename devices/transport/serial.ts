// Serial ports (RS-232, USB-serial, and ptys in tests) through serialport 13.

import { stat } from 'node:fs/promises';
import type { SerialPort } from 'serialport';
import { BaseTransport, toError } from './transport.js';

export interface SerialOptions {
  path: string;
  baudRate: number;
  /** How often to check that the device node is still the one we opened. Default 1000 ms. */
  presenceCheckMs?: number;
}

export class SerialTransport extends BaseTransport {
  readonly label: string;
  private port: SerialPort | undefined;
  private presence: NodeJS.Timeout | undefined;

  constructor(private readonly options: SerialOptions) {
    super();
    this.label = `serial ${options.path}`;
  }

  async open(): Promise<void> {
    // Loaded on first use so that a machine without serial devices never loads the native binding.
    const { SerialPort } = await import('serialport');
    const device = (await stat(this.options.path)).rdev;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    port.on('data', (chunk: Buffer) => this.received(chunk));
    // `close` carries `disconnected: true` when the device went away (EIO on unplug).
    port.on('close', (err?: Error) => this.ended(err ?? undefined));
    port.on('error', (err: Error) => this.ended(err));
    this.markOpen();
    this.watchPresence(device);
  }

  /**
   * A port that only listens (a pad bus) is not always told of a hang-up: serialport can miss it
   * while waiting for the fd to become readable. The device node vanishing, or becoming another
   * device (replugged), says it all the same.
   */
  private watchPresence(device: number): void {
    this.presence = setInterval(() => {
      stat(this.options.path).then(
        (s) => s.rdev !== device && this.ended(new Error(`${this.options.path} was replaced (device replugged)`)),
        (e: unknown) => this.ended(toError(e)),
      );
    }, this.options.presenceCheckMs ?? 1000);
    this.presence.unref();
  }

  private ended(err?: Error): void {
    clearInterval(this.presence);
    this.markClosed(err);
    const port = this.port;
    if (port?.isOpen) port.close(() => undefined);
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    const port = this.port as SerialPort;
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(data), (err) => (err ? reject(err) : resolve()));
    });
    await new Promise<void>((resolve, reject) => port.drain((err) => (err ? reject(toError(err)) : resolve())));
  }

  async close(): Promise<void> {
    clearInterval(this.presence);
    const port = this.port;
    this.markClosed();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
