// "FF 68" frames of window call keypads and rating pads on a serial bus (shared/PROTOCOLS.md §3):
// FF 68 L L 68 ADDR FUNC DATA… CS 16, L = count of ADDR+FUNC+DATA, CS = sum of them mod 256.
// Frames are cut by the length field, never by looking for the end byte: CS itself may be 16.

import type { KeyAction, RatingScore } from '../contract.js';
import { FrameScanner, type FrameFormat, type HeaderVerdict } from '../util/frame-scanner.js';

export const FF68_PREAMBLE = Uint8Array.of(0xff, 0x68);
const END = 0x16;
const MAX_L = 64;

export const FF68_FUNC = {
  keypad: 0x01,
  showNumber: 0x02,
  beep: 0x03,
  rating: 0x11,
} as const;

export interface Ff68Frame {
  address: number;
  func: number;
  data: Uint8Array;
}

function checksum(frame: Ff68Frame): number {
  let sum = frame.address + frame.func;
  for (const b of frame.data) sum += b;
  return sum & 0xff;
}

export function encodeFf68(frame: Ff68Frame): Uint8Array {
  const l = 2 + frame.data.length;
  if (l > MAX_L) throw new RangeError(`FF68 data too long: ${frame.data.length} bytes`);
  return Uint8Array.of(0xff, 0x68, l, l, 0x68, frame.address & 0xff, frame.func & 0xff, ...frame.data, checksum(frame), END);
}

const ff68Format: FrameFormat<Ff68Frame> = {
  preamble: FF68_PREAMBLE,
  frameLength(buf): HeaderVerdict {
    if (buf.length < 5) return 'need-more';
    const l = buf[2] as number;
    if (buf[3] !== l || buf[4] !== 0x68) return { error: 'bad header' };
    if (l < 2 || l > MAX_L) return { error: `bad length ${l}` };
    return { length: 5 + l + 2 };
  },
  decode(raw) {
    const l = raw[2] as number;
    const frame: Ff68Frame = { address: raw[5] as number, func: raw[6] as number, data: raw.slice(7, 5 + l) };
    if (raw[5 + l] !== checksum(frame)) return { error: 'checksum mismatch' };
    if (raw[6 + l] !== END) return { error: 'missing end byte' };
    return { frame };
  },
};

export function createFf68Parser(): FrameScanner<Ff68Frame> {
  return new FrameScanner(ff68Format);
}

// Keypad → host: DATA ends with the key code; the confirm key (0F) is qualified by the byte before it.
const KEY_CODES: Record<number, KeyAction> = {
  0x0c: 'call-next',
  0x0d: 'recall',
  0x0b: 'ask-rating',
  0x12: 'pause',
  0x13: 'transfer',
};
const CONFIRM = 0x0f;
const CONFIRM_QUALIFIERS: Record<number, KeyAction> = { 0x06: 'abandon', 0x03: 'call-back' };

export function keypadAction(frame: Ff68Frame): KeyAction | undefined {
  if (frame.func !== FF68_FUNC.keypad) return undefined;
  const key = frame.data[frame.data.length - 1];
  if (key === undefined) return undefined;
  if (key === CONFIRM) {
    const qualifier = frame.data[frame.data.length - 2];
    return qualifier === undefined ? undefined : CONFIRM_QUALIFIERS[qualifier];
  }
  return KEY_CODES[key];
}

/** Rating key index → level; per pad model, so it comes from configuration. */
export type RatingKeyMap = readonly RatingScore[];
export const DEFAULT_RATING_MAP: RatingKeyMap = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied'];

export function ratingScore(frame: Ff68Frame, map: RatingKeyMap = DEFAULT_RATING_MAP): RatingScore | undefined {
  if (frame.func !== FF68_FUNC.rating) return undefined;
  const index = frame.data[0];
  return index === undefined ? undefined : map[index];
}

// Frames a device sends; simulators and tests build them.
export function keypadFrame(address: number, action: KeyAction): Ff68Frame {
  const qualifier = Object.entries(CONFIRM_QUALIFIERS).find(([, a]) => a === action)?.[0];
  if (qualifier !== undefined) return { address, func: FF68_FUNC.keypad, data: Uint8Array.of(Number(qualifier), CONFIRM) };
  const code = Object.entries(KEY_CODES).find(([, a]) => a === action)?.[0];
  return { address, func: FF68_FUNC.keypad, data: Uint8Array.of(Number(code)) };
}

export function ratingFrame(address: number, keyIndex: number): Ff68Frame {
  return { address, func: FF68_FUNC.rating, data: Uint8Array.of(keyIndex) };
}

// Host → device frames.
/** Shows the last three digits of a ticket number ("C012" → 0 1 2). */
export function showNumberFrame(address: number, number: string): Ff68Frame {
  const digits = number.replace(/\D/g, '').slice(-3).padStart(3, '0');
  return { address, func: FF68_FUNC.showNumber, data: Uint8Array.of(0x0a, 0x0a, 0x0a, ...[...digits].map(Number)) };
}

export function beepFrame(address: number): Ff68Frame {
  return { address, func: FF68_FUNC.beep, data: new Uint8Array(0) };
}

export function startRatingFrame(address: number): Ff68Frame {
  return { address, func: FF68_FUNC.keypad, data: Uint8Array.of(0x0b) };
}
