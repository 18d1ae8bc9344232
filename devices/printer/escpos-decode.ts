// Decodes an ESC/POS byte stream back into operations: the printer simulator, the simulated printer
// and the tests use it to check what a ticket really says. Covers the commands escpos.ts emits;
// anything else becomes an `unknown` op. Never throws, whatever the bytes.

import type { Align, CutMode } from './escpos.js';
import { decodeGb18030 } from './gb18030.js';

export type EscPosOp =
  | { op: 'init' }
  | { op: 'chinese'; on: boolean }
  | { op: 'text'; text: string }
  | { op: 'size'; target: 'ascii' | 'chinese'; width: number; height: number }
  | { op: 'align'; align: Align }
  | { op: 'feed'; lines: number }
  | { op: 'qr-setting'; fn: 'model' | 'module-size' | 'error-level'; value: number }
  | { op: 'qr-store'; data: string }
  | { op: 'qr-print' }
  | { op: 'cut'; mode: CutMode; feedDots?: number }
  | { op: 'status-request'; n: number }
  | { op: 'unknown'; bytes: number[] }
  | { op: 'truncated'; bytes: number[] };

const COMMAND_STARTS = new Set([0x10, 0x1b, 0x1c, 0x1d]);
const ALIGNS: Align[] = ['left', 'center', 'right'];
const QR_SETTING_FN: Record<number, 'model' | 'module-size' | 'error-level'> = {
  0x41: 'model',
  0x43: 'module-size',
  0x45: 'error-level',
};

export function decodeEscPos(bytes: Uint8Array): EscPosOp[] {
  const ops: EscPosOp[] = [];
  let i = 0;

  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (!COMMAND_STARTS.has(b)) {
      let end = i;
      while (end < bytes.length && !COMMAND_STARTS.has(bytes[end] as number)) end++;
      ops.push({ op: 'text', text: decodeGb18030(bytes.subarray(i, end)) });
      i = end;
      continue;
    }
    const decoded = decodeCommand(bytes, i);
    if (!decoded) {
      ops.push({ op: 'truncated', bytes: Array.from(bytes.subarray(i)) });
      break;
    }
    ops.push(decoded.op);
    i += decoded.length;
  }
  return ops;
}

/** One command at `i`; undefined when the stream ends inside it. */
function decodeCommand(bytes: Uint8Array, i: number): { op: EscPosOp; length: number } | undefined {
  const at = (k: number): number | undefined => bytes[k];
  const b0 = at(i) as number;
  const b1 = at(i + 1);
  const b2 = at(i + 2);
  if (b1 === undefined) return undefined;
  const unknown = { op: { op: 'unknown', bytes: [b0, b1] } as EscPosOp, length: 2 };

  if (b0 === 0x10) {
    if (b1 !== 0x04) return unknown;
    return b2 === undefined ? undefined : { op: { op: 'status-request', n: b2 }, length: 3 };
  }
  if (b0 === 0x1b) {
    if (b1 === 0x40) return { op: { op: 'init' }, length: 2 };
    if (b2 === undefined && (b1 === 0x61 || b1 === 0x64)) return undefined;
    if (b1 === 0x61) return { op: { op: 'align', align: ALIGNS[(b2 as number) % 0x30] ?? 'left' }, length: 3 };
    if (b1 === 0x64) return { op: { op: 'feed', lines: b2 as number }, length: 3 };
    return unknown;
  }
  if (b0 === 0x1c) {
    if (b1 === 0x26) return { op: { op: 'chinese', on: true }, length: 2 };
    if (b1 === 0x2e) return { op: { op: 'chinese', on: false }, length: 2 };
    if (b1 === 0x21) return b2 === undefined ? undefined : { op: sizeOp('chinese', b2), length: 3 };
    return unknown;
  }
  // GS
  if (b1 === 0x21) return b2 === undefined ? undefined : { op: sizeOp('ascii', b2), length: 3 };
  if (b1 === 0x56) return decodeCut(at, i);
  if (b1 === 0x28 && b2 === 0x6b) return decodeQr(bytes, i);
  if (b1 === 0x28 && b2 === undefined) return undefined;
  return unknown;
}

function sizeOp(target: 'ascii' | 'chinese', n: number): EscPosOp {
  return { op: 'size', target, width: (n >> 4) + 1, height: (n & 0x0f) + 1 };
}

function decodeCut(at: (k: number) => number | undefined, i: number): { op: EscPosOp; length: number } | undefined {
  const m = at(i + 2);
  if (m === undefined) return undefined;
  if (m === 0x00 || m === 0x30) return { op: { op: 'cut', mode: 'full' }, length: 3 };
  if (m === 0x01 || m === 0x31) return { op: { op: 'cut', mode: 'partial' }, length: 3 };
  if (m === 0x41 || m === 0x42) {
    const n = at(i + 3);
    if (n === undefined) return undefined;
    return { op: { op: 'cut', mode: m === 0x41 ? 'full' : 'partial', feedDots: n }, length: 4 };
  }
  return { op: { op: 'unknown', bytes: [0x1d, 0x56, m] }, length: 3 };
}

/** GS ( k pL pH cn fn [parameters]: pL + 256·pH counts cn, fn and the parameters. */
function decodeQr(bytes: Uint8Array, i: number): { op: EscPosOp; length: number } | undefined {
  if (i + 5 > bytes.length) return undefined;
  const count = (bytes[i + 3] as number) + 256 * (bytes[i + 4] as number);
  const length = 5 + count;
  if (i + length > bytes.length) return undefined;
  const body = bytes.subarray(i + 5, i + length);
  const cn = body[0];
  const fn = body[1];
  const unknown: EscPosOp = { op: 'unknown', bytes: Array.from(bytes.subarray(i, i + length)) };
  if (cn !== 0x31 || fn === undefined) return { op: unknown, length };
  const setting = QR_SETTING_FN[fn];
  if (setting) {
    // The first parameter byte is the value (the model setting carries a second, always 00).
    const value = body[2];
    return value === undefined ? { op: unknown, length } : { op: { op: 'qr-setting', fn: setting, value }, length };
  }
  if (fn === 0x50 && body[2] === 0x30) {
    return { op: { op: 'qr-store', data: Buffer.from(body.subarray(3)).toString('utf8') }, length };
  }
  if (fn === 0x51) return { op: { op: 'qr-print' }, length };
  return { op: unknown, length };
}

/** All printed text joined, with size/align changes left out. */
export function printedText(ops: EscPosOp[]): string {
  return ops.map((o) => (o.op === 'text' ? o.text : '')).join('');
}

/** The payload of every QR code that was both stored and printed. */
export function printedQrPayloads(ops: EscPosOp[]): string[] {
  const payloads: string[] = [];
  let stored: string | undefined;
  for (const o of ops) {
    if (o.op === 'qr-store') stored = o.data;
    if (o.op === 'qr-print' && stored !== undefined) payloads.push(stored);
  }
  return payloads;
}

export function hasCut(ops: EscPosOp[]): boolean {
  return ops.some((o) => o.op === 'cut');
}

/** Splits a stream into jobs, each ending with a cut; a trailing part without a cut is left out. */
export function splitJobs(ops: EscPosOp[]): EscPosOp[][] {
  const jobs: EscPosOp[][] = [];
  let current: EscPosOp[] = [];
  for (const o of ops) {
    if (o.op === 'status-request') continue;
    current.push(o);
    if (o.op === 'cut') {
      jobs.push(current);
      current = [];
    }
  }
  return jobs;
}
