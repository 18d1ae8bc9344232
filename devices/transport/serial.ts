// Serial ports (RS-232, USB-serial, and ptys in tests) through serialport 13.

import type { SerialPort } from 'serialport';
import { BaseTransport, toError } from './transport.js';

export interface SerialOptions {
  path: string;
  baudRate: number;
}

export class SerialTransport extends BaseTransport {
  readonly label: string;
  private port: SerialPort | undefined;

  constructor(private readonly options: SerialOptions) {
    super();
    this.label = `serial ${options.path}`;
  }

  async open(): Promise<void> {
    // Loaded on first use so that a machine without serial devices never loads the native binding.
    const { SerialPort } = await import('serialport');
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    port.on('data', (chunk: Buffer) => this.received(chunk));
    // `close` carries `disconnected: true` when the device went away (EIO on unplug).
    port.on('close', (err?: Error) => this.markClosed(err ?? undefined));
    port.on('error', (err: Error) => {
      this.markClosed(err);
      if (port.isOpen) port.close(() => undefined);
    });
    this.markOpen();
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
    const port = this.port;
    this.markClosed();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
