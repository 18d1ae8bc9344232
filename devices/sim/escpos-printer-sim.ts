// An ESC/POS ticket printer for tests: answers DLE EOT n from a configurable condition and keeps
// every other byte as job data, decoded on demand.

import { decodeEscPos, splitJobs, type EscPosOp } from '../printer/escpos-decode.js';
import { HEALTHY_PRINTER, encodeStatusByte, type PrinterCondition, type StatusQuery } from '../printer/status.js';
import type { ByteLink } from '../util/byte-link.js';

export class EscPosPrinterSim {
  condition: PrinterCondition = { ...HEALTHY_PRINTER };
  /** When true the printer answers nothing, like one that is switched off behind a live adapter. */
  silent = false;
  statusQueries: StatusQuery[] = [];
  private jobBytes: number[] = [];
  private carry: number[] = [];

  constructor(private readonly link: ByteLink) {
    link.on('data', (chunk) => this.receive(chunk));
  }

  /** All bytes received apart from status requests. */
  get received(): Uint8Array {
    return Uint8Array.from(this.jobBytes);
  }

  /** Jobs received so far, each ending with a cut. */
  jobs(): EscPosOp[][] {
    return splitJobs(decodeEscPos(this.received));
  }

  set(condition: Partial<PrinterCondition>): void {
    this.condition = { ...this.condition, ...condition };
  }

  private receive(chunk: Buffer): void {
    // A DLE EOT n may be split across chunks: hold back a trailing 10 or 10 04.
    const bytes = [...this.carry, ...chunk];
    this.carry = [];
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x10 && (i + 1 >= bytes.length || bytes[i + 1] === 0x04)) {
        if (i + 2 >= bytes.length) {
          this.carry = bytes.slice(i);
          return;
        }
        this.answer(bytes[i + 2] as number);
        i += 2;
        continue;
      }
      this.jobBytes.push(bytes[i] as number);
    }
  }

  private answer(n: number): void {
    if (n < 1 || n > 4) return;
    this.statusQueries.push(n as StatusQuery);
    if (!this.silent) void this.link.write(Uint8Array.of(encodeStatusByte(n as StatusQuery, this.condition))).catch(() => undefined);
  }
}
