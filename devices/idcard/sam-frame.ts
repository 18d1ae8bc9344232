// SAM serial protocol of resident ID-card readers (GA 467 family), see shared/PROTOCOLS.md §1.
// Frame: AA AA AA 96 69 | LEN_H LEN_L | body | CHK, LEN = body + CHK, CHK = XOR(LEN_H .. last body byte).

import { FrameScanner, type FrameFormat, type HeaderVerdict } from '../util/frame-scanner.js';

export const SAM_PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
const HEADER_BYTES = SAM_PREAMBLE.length + 2;
/** Largest reply we accept: text + photo + fingerprints (2 × 512) with room to spare. */
export const SAM_MAX_LEN = 4096;

export const SAM_COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  readSamId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
  readTextAndFingerprint: [0x30, 0x10],
  readExtraAddress: [0x30, 0x03],
} as const satisfies Record<string, readonly [number, number]>;
export type SamCommandName = keyof typeof SAM_COMMANDS;

export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  noContent: 0x91,
  noCard: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
} as const;

const SW3_TEXT: Record<number, string> = {
  0x90: 'ok',
  0x9f: 'card found',
  0x91: 'no content',
  0x10: 'checksum error',
  0x11: 'length error',
  0x21: 'command error',
  0x23: 'not permitted',
  0x24: 'unknown error',
  0x31: 'card authentication failed',
  0x32: 'SAM authentication failed',
  0x33: 'verification error',
  0x40: 'unknown card type',
  0x41: 'read failed',
  0x47: 'random number failed',
  0x60: 'SAM self-test failed',
  0x66: 'SAM not licensed',
  0x80: 'no card found',
  0x81: 'select failed',
};

export function describeSw3(sw3: number): string {
  return SW3_TEXT[sw3] ?? `status 0x${sw3.toString(16).padStart(2, '0')}`;
}

export function samChecksum(lenAndBody: Uint8Array): number {
  let chk = 0;
  for (const b of lenAndBody) chk ^= b;
  return chk;
}

/** Wraps a body (request `CMD PARA data` or response `SW1 SW2 SW3 data`) into a full frame. */
export function encodeSamFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > SAM_MAX_LEN) throw new RangeError(`SAM body too long: ${body.length} bytes`);
  const frame = new Uint8Array(HEADER_BYTES + len);
  frame.set(SAM_PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_BYTES);
  frame[frame.length - 1] = samChecksum(frame.subarray(5, frame.length - 1));
  return frame;
}

export function encodeSamRequest(command: SamCommandName, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const [cmd, para] = SAM_COMMANDS[command];
  return encodeSamFrame(Uint8Array.of(cmd, para, ...data));
}

/** A reader's reply frame; used by the simulator and by tests. */
export function encodeSamResponse(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encodeSamFrame(Uint8Array.of(0x00, 0x00, sw3, ...data));
}

export interface SamResponse {
  sw3: number;
  data: Uint8Array;
}

export interface SamRequest {
  cmd: number;
  para: number;
  data: Uint8Array;
}

/** Reads a frame body as a reader's reply; undefined when it is too short or SW1/SW2 are not 00. */
export function asSamResponse(body: Uint8Array): SamResponse | undefined {
  if (body.length < 3 || body[0] !== 0 || body[1] !== 0) return undefined;
  return { sw3: body[2] as number, data: body.subarray(3) };
}

export function asSamRequest(body: Uint8Array): SamRequest | undefined {
  if (body.length < 2) return undefined;
  return { cmd: body[0] as number, para: body[1] as number, data: body.subarray(2) };
}

export function isSamCommand(req: SamRequest, command: SamCommandName): boolean {
  const [cmd, para] = SAM_COMMANDS[command];
  return req.cmd === cmd && req.para === para;
}

export const SAM_TEXT_BYTES = 256;
export const SAM_PHOTO_BYTES = 1024;

/** Splits the data of a read (30 01 / 30 10) reply: textLen u16 BE | photoLen u16 BE | text | photo [| more]. */
export function splitReadData(data: Uint8Array): { text: Uint8Array; photo: Uint8Array } | { error: string } {
  if (data.length < 4) return { error: 'read reply too short' };
  const textLen = ((data[0] as number) << 8) | (data[1] as number);
  const photoLen = ((data[2] as number) << 8) | (data[3] as number);
  if (textLen !== SAM_TEXT_BYTES) return { error: `unexpected text length ${textLen}` };
  if (data.length < 4 + textLen + photoLen) return { error: 'read reply shorter than its lengths' };
  return {
    text: data.slice(4, 4 + textLen),
    photo: data.slice(4 + textLen, 4 + textLen + photoLen),
  };
}

/** Builds read reply data from a text block and an (opaque) photo. */
export function joinReadData(text: Uint8Array, photo: Uint8Array = new Uint8Array(SAM_PHOTO_BYTES)): Uint8Array {
  const out = new Uint8Array(4 + text.length + photo.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  out.set(text, 4);
  out.set(photo, 4 + text.length);
  return out;
}

const samFormat: FrameFormat<Uint8Array> = {
  preamble: SAM_PREAMBLE,
  frameLength(buf): HeaderVerdict {
    if (buf.length < HEADER_BYTES) return 'need-more';
    const len = ((buf[5] as number) << 8) | (buf[6] as number);
    if (len < 1 || len > SAM_MAX_LEN) return { error: `bad length ${len}` };
    return { length: HEADER_BYTES + len };
  },
  decode(frame) {
    const expected = samChecksum(frame.subarray(5, frame.length - 1));
    if (frame[frame.length - 1] !== expected) return { error: 'checksum mismatch' };
    return { frame: frame.slice(HEADER_BYTES, frame.length - 1) };
  },
};

/** Streaming parser: push bytes as they arrive; frames carry the body (without LEN and CHK). */
export function createSamParser(): FrameScanner<Uint8Array> {
  return new FrameScanner(samFormat);
}
