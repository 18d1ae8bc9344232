// USB printer class devices (/dev/usb/lp0). The file is opened non-blocking: a blocking read on a
// printer with nothing to say would hold one of libuv's few threadpool threads forever. Reads are
// polled instead; printers that answer DLE EOT status requests do so through this read path.

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { BaseTransport, toError } from './transport.js';

export interface UsbLpOptions {
  path: string;
  /** How often to look for bytes from the printer. Default 20 ms. */
  readIntervalMs?: number;
}

const WOULD_BLOCK = new Set(['EAGAIN', 'EWOULDBLOCK']);

export class UsbLpTransport extends BaseTransport {
  readonly label: string;
  private handle: FileHandle | undefined;
  private reader: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(private readonly options: UsbLpOptions) {
    super();
    this.label = `usblp ${options.path}`;
  }

  async open(): Promise<void> {
    this.handle = await open(this.options.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    this.markOpen();
    this.reader = setInterval(() => void this.poll(), this.options.readIntervalMs ?? 20);
  }

  private async poll(): Promise<void> {
    if (this.reading || !this.handle) return;
    this.reading = true;
    try {
      const buf = Buffer.alloc(64);
      const { bytesRead } = await this.handle.read(buf, 0, buf.length, null);
      if (bytesRead > 0) this.received(buf.subarray(0, bytesRead));
    } catch (e) {
      if (!WOULD_BLOCK.has((e as NodeJS.ErrnoException).code ?? '')) await this.fail(toError(e));
    } finally {
      this.reading = false;
    }
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    let offset = 0;
    while (offset < data.length) {
      try {
        const { bytesWritten } = await (this.handle as FileHandle).write(data, offset, data.length - offset, null);
        offset += bytesWritten;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (!WOULD_BLOCK.has(err.code ?? '')) {
          await this.fail(err);
          throw err;
        }
        await sleep(10); // the printer's buffer is full; let it print
      }
    }
  }

  private async fail(error: Error): Promise<void> {
    this.markClosed(error);
    await this.release();
  }

  async close(): Promise<void> {
    this.markClosed();
    await this.release();
  }

  private async release(): Promise<void> {
    clearInterval(this.reader);
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}
