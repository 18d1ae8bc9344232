// Real-time status of ESC/POS printers: DLE EOT n (n = 1..4), one byte back each
// (shared/PROTOCOLS.md §2). Bits 1 and 4 are always set and bits 0 and 7 always clear in a
// genuine answer, which tells a status byte apart from noise.

import type { DeviceState } from '../contract.js';

export type StatusQuery = 1 | 2 | 3 | 4;
/** Answers by query number; a missing entry means that query was not asked or not answered. */
export type StatusAnswers = Partial<Record<StatusQuery, number>>;

export interface PrinterStatus {
  state: DeviceState;
  detail?: string;
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export function isOffline(n1: number): boolean {
  return bit(n1, 3);
}

/** What the answers say, worst first: paper out, cover open, cutter or other errors, offline, paper low. */
export function interpretStatus(answers: StatusAnswers): PrinterStatus {
  const { 1: n1, 2: n2, 3: n3, 4: n4 } = answers;
  if (n1 === undefined) return { state: 'offline', detail: 'no answer to status request' };
  for (const [n, byte] of Object.entries(answers)) {
    if (!isStatusByte(byte)) return { state: 'error', detail: `unexpected status byte 0x${hex(byte)} for n=${n}` };
  }
  const paperEnd = (n4 !== undefined && (n4 & 0x60) !== 0) || (n2 !== undefined && bit(n2, 5));
  if (paperEnd) return { state: 'paper-out', detail: 'paper end' };
  if (n2 !== undefined && bit(n2, 2)) return { state: 'error', detail: 'cover open' };
  if (n3 !== undefined && bit(n3, 3)) return { state: 'error', detail: 'cutter error' };
  if (n3 !== undefined && bit(n3, 5)) return { state: 'error', detail: 'unrecoverable error' };
  if (n2 !== undefined && bit(n2, 6)) return { state: 'error', detail: 'printer error' };
  if (isOffline(n1)) return { state: 'offline', detail: 'printer reports offline' };
  if (n4 !== undefined && (n4 & 0x0c) !== 0) return { state: 'paper-low', detail: 'paper near end' };
  return { state: 'ok' };
}

/** A printer's condition, for simulators: the inverse of interpretStatus. */
export interface PrinterCondition {
  paper: 'ok' | 'low' | 'out';
  coverOpen: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  /** Offline for another reason (e.g. the feed button held). */
  offline: boolean;
}

export const HEALTHY_PRINTER: PrinterCondition = {
  paper: 'ok',
  coverOpen: false,
  cutterError: false,
  unrecoverableError: false,
  offline: false,
};

/** The byte a printer in this condition answers to DLE EOT n. */
export function encodeStatusByte(n: StatusQuery, c: PrinterCondition): number {
  let byte = 0x12;
  const set = (bitNo: number, on: boolean): void => {
    if (on) byte |= 1 << bitNo;
  };
  const stopped = c.paper === 'out' || c.coverOpen || c.cutterError || c.unrecoverableError;
  if (n === 1) set(3, c.offline || stopped);
  if (n === 2) {
    set(2, c.coverOpen);
    set(5, c.paper === 'out');
    set(6, c.cutterError || c.unrecoverableError);
  }
  if (n === 3) {
    set(3, c.cutterError);
    set(5, c.unrecoverableError);
  }
  if (n === 4) {
    if (c.paper !== 'ok') byte |= 0x0c;
    if (c.paper === 'out') byte |= 0x60;
  }
  return byte;
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
