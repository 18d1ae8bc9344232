// A small ESC/POS command builder for Chinese ticket printers (shared/PROTOCOLS.md §2).

import { encodeGb18030, type Gb18030Options } from './gb18030.js';

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutMode = 'full' | 'partial';

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };
const QR_LEVEL_CODE: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
/** Bytes a QR symbol can hold in byte mode (version 40, level L). */
export const QR_MAX_BYTES = 2953;

export class EscPosBuilder {
  private readonly chunks: Uint8Array[] = [];

  constructor(private readonly textOptions: Gb18030Options = {}) {}

  raw(...bytes: number[]): this {
    this.chunks.push(Uint8Array.from(bytes));
    return this;
  }

  /** ESC @: reset the printer's modes. */
  init(): this {
    return this.raw(ESC, 0x40);
  }

  /** FS & / FS .: Chinese (double-byte) character mode on or off. */
  chineseMode(on: boolean): this {
    return this.raw(FS, on ? 0x26 : 0x2e);
  }

  /** Text in GB18030; see encodeGb18030 for what is replaced. */
  text(text: string): this {
    this.chunks.push(encodeGb18030(text, this.textOptions));
    return this;
  }

  line(text = ''): this {
    return this.text(`${text}\n`);
  }

  /** Magnification 1–8 in each direction, set for both ASCII (GS !) and Chinese (FS !) characters. */
  size(width: number, height = width): this {
    const n = (clampSize(width) - 1) << 4 | (clampSize(height) - 1);
    return this.raw(GS, 0x21, n).raw(FS, 0x21, n);
  }

  align(align: Align): this {
    return this.raw(ESC, 0x61, ALIGN_CODE[align]);
  }

  /** ESC d n: print and feed n lines. */
  feed(lines = 1): this {
    return this.raw(ESC, 0x64, clampByte(lines));
  }

  /** A model 2 QR code: select model, module size, error level, store data, print. */
  qr(data: string, options: { moduleSize?: number; errorLevel?: QrErrorLevel } = {}): this {
    const payload = Buffer.from(data, 'utf8');
    if (payload.length === 0 || payload.length > QR_MAX_BYTES) {
      throw new RangeError(`QR payload must be 1..${QR_MAX_BYTES} bytes, got ${payload.length}`);
    }
    const moduleSize = Math.min(16, Math.max(1, Math.round(options.moduleSize ?? 6)));
    const stored = payload.length + 3;
    this.raw(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
    this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize);
    this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVEL_CODE[options.errorLevel ?? 'M']);
    this.raw(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30);
    this.chunks.push(payload);
    return this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  cut(mode: CutMode = 'partial'): this {
    return this.raw(GS, 0x56, mode === 'full' ? 0x00 : 0x01);
  }

  /** GS V 66 n: feed n dots past the cutter, then cut partially. */
  feedAndCut(dots = 0): this {
    return this.raw(GS, 0x56, 0x42, clampByte(dots));
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

/** The real-time status request DLE EOT n (n = 1..4). */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

function clampSize(n: number): number {
  return Math.min(8, Math.max(1, Math.round(n)));
}

function clampByte(n: number): number {
  return Math.min(255, Math.max(0, Math.round(n)));
}
