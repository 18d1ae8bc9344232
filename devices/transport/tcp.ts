// Network printers (raw port 9100). SocketTransport wraps a connected socket; the printer
// simulator uses it on the accepting side of a test server.

import net from 'node:net';
import { BaseTransport } from './transport.js';

export class SocketTransport extends BaseTransport {
  readonly label: string;

  constructor(protected socket: net.Socket | undefined, label = 'socket') {
    super();
    this.label = label;
    if (socket) this.attach(socket);
  }

  protected attach(socket: net.Socket): void {
    this.socket = socket;
    let lastError: Error | undefined;
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (err) => (lastError = err));
    socket.on('close', () => this.markClosed(lastError));
    this.markOpen();
  }

  async open(): Promise<void> {
    if (!this.socket) throw new Error(`${this.label}: no socket`);
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    const socket = this.socket as net.Socket;
    await new Promise<void>((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.markClosed();
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}

export interface TcpOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

export class TcpTransport extends SocketTransport {
  constructor(private readonly options: TcpOptions) {
    super(undefined, `tcp ${options.host}:${options.port}`);
  }

  override async open(): Promise<void> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.options.host, port: this.options.port });
      const timer = setTimeout(() => s.destroy(new Error(`connect timeout to ${this.label}`)), this.options.connectTimeoutMs ?? 5000);
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeListener('error', reject);
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    socket.setNoDelay(true);
    // Keep-alive notices a printer that lost power without closing the connection.
    socket.setKeepAlive(true, 5000);
    this.attach(socket);
  }
}
