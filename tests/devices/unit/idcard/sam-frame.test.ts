import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SAM_PREAMBLE,
  asSamResponse,
  createSamParser,
  encodeSamFrame,
  encodeSamRequest,
  encodeSamResponse,
  joinReadData,
  splitReadData,
} from '../../../../devices/idcard/sam-frame.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('SAM frame encoder', () => {
  it('matches the request examples of PROTOCOLS.md', () => {
    expect(toHex(encodeSamRequest('resetSam'))).toBe('AA AA AA 96 69 00 03 10 FF EC');
    expect(toHex(encodeSamRequest('findCard'))).toBe('AA AA AA 96 69 00 03 20 01 22');
    expect(toHex(encodeSamRequest('selectCard'))).toBe('AA AA AA 96 69 00 03 20 02 21');
    expect(toHex(encodeSamRequest('readText'))).toBe('AA AA AA 96 69 00 03 30 01 32');
  });

  it('matches the reply examples of PROTOCOLS.md', () => {
    expect(toHex(encodeSamResponse(0x9f, Uint8Array.of(0, 0, 0, 0)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(toHex(encodeSamResponse(0x80))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
  });

  it('splits and joins read data', () => {
    const text = new Uint8Array(256).fill(0x20);
    const photo = new Uint8Array(1024).fill(7);
    const split = splitReadData(joinReadData(text, photo));
    expect(split).toEqual({ text, photo });
    expect(splitReadData(Uint8Array.of(1, 0, 4, 0))).toHaveProperty('error');
    expect(splitReadData(Uint8Array.of(0, 1))).toHaveProperty('error');
  });
});

describe('SAM frame parser', () => {
  it('parses the example frames, also byte by byte', () => {
    const stream = hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97 AA AA AA 96 69 00 04 00 00 80 84');
    const parser = createSamParser();
    const events = Array.from(stream).flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(events.map((e) => e.kind)).toEqual(['frame', 'frame']);
    const bodies = events.map((e) => (e.kind === 'frame' ? asSamResponse(e.frame)?.sw3 : undefined));
    expect(bodies).toEqual([0x9f, 0x80]);
    expect(parser.pending).toBe(false);
  });

  it('resynchronises after garbage, including a partial preamble', () => {
    const parser = createSamParser();
    const garbage = hex('00 13 AA AA 96 AA AA');
    const events = parser.push(Buffer.concat([garbage, encodeSamResponse(0x90), hex('55 AA'), encodeSamResponse(0x80)]));
    expect(events.filter((e) => e.kind === 'frame').length).toBe(2);
  });

  it('reports a bad checksum as an error and still finds the next frame', () => {
    const bad = encodeSamResponse(0x90, Uint8Array.of(1, 2, 3));
    bad[bad.length - 1] = (bad.at(-1) as number) ^ 0xff;
    const parser = createSamParser();
    const events = parser.push(Buffer.concat([bad, encodeSamResponse(0x9f)]));
    expect(events.map((e) => (e.kind === 'error' ? e.error : 'frame'))).toEqual(['checksum mismatch', 'frame']);
  });

  it('rejects an impossible length and recovers', () => {
    const parser = createSamParser();
    const events = parser.push(Buffer.concat([hex('AA AA AA 96 69 00 00'), encodeSamResponse(0x90)]));
    expect(events.map((e) => e.kind)).toEqual(['error', 'frame']);
  });

  it('times out a truncated frame only once its time has passed', () => {
    const parser = createSamParser();
    const full = encodeSamResponse(0x90, new Uint8Array(20));
    expect(parser.push(full.subarray(0, 12), 1000)).toEqual([]);
    expect(parser.pending).toBe(true);
    expect(parser.expire(1400, 500)).toEqual([]);
    const expired = parser.expire(1500, 500);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ kind: 'error', error: 'timeout: truncated frame' });
    expect(parser.pending).toBe(false);
    // A complete frame after the stale bytes still parses.
    expect(parser.push(encodeSamResponse(0x80), 1600).map((e) => e.kind)).toEqual(['frame']);
  });

  it('finds a complete frame that a truncated one had swallowed once the truncated one expires', () => {
    const parser = createSamParser();
    const truncated = encodeSamResponse(0x90, new Uint8Array(300)).subarray(0, 40);
    const events = parser.push(Buffer.concat([truncated, encodeSamResponse(0x80)]), 0);
    expect(events).toEqual([]);
    const later = parser.expire(1000, 500);
    expect(later.map((e) => e.kind)).toEqual(['error', 'frame']);
  });
});

const garbageWithoutPreamble = fc.uint8Array({ maxLength: 30 }).map((a) => a.filter((b) => b !== 0xaa));
const body = fc.uint8Array({ minLength: 1, maxLength: 300 });

/** Pushes `bytes` in chunks cut at the given points, then expires whatever is left hanging. */
function parseAll(bytes: Uint8Array, cuts: number[]) {
  const parser = createSamParser();
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let last = 0;
  const events = [];
  for (const p of [...points, bytes.length]) {
    events.push(...parser.push(bytes.subarray(last, p), 0));
    last = p;
  }
  for (let i = 0; parser.pending && i < bytes.length + 1; i++) events.push(...parser.expire(10_000, 1));
  return events;
}

describe('SAM frame parser, fuzzed', () => {
  it('random bytes never throw and every frame it emits is a valid frame present in the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 5 }), (bytes, cuts) => {
        const input = Buffer.from(bytes);
        for (const e of parseAll(bytes, cuts)) {
          if (e.kind !== 'frame') continue;
          expect(toHex(encodeSamFrame(e.frame))).toBe(toHex(e.raw));
          expect(input.indexOf(Buffer.from(e.raw))).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('random bytes sprinkled with preambles never throw and emit only valid frames', () => {
    const chunk = fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.constant(SAM_PREAMBLE));
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 5 }), (chunks, cuts) => {
        const bytes = Buffer.concat(chunks);
        for (const e of parseAll(bytes, cuts)) {
          if (e.kind === 'frame') expect(toHex(encodeSamFrame(e.frame))).toBe(toHex(e.raw));
        }
      }),
    );
  });

  it('valid frames separated by garbage all come out, in order, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(garbageWithoutPreamble, body), { maxLength: 6 }),
        garbageWithoutPreamble,
        fc.array(fc.nat(), { maxLength: 8 }),
        (pairs, tail, cuts) => {
          const frames = pairs.map(([, b]) => encodeSamFrame(b));
          const bytes = Buffer.concat([...pairs.flatMap(([g], i) => [g, frames[i] as Uint8Array]), tail]);
          const got = parseAll(bytes, cuts).filter((e) => e.kind === 'frame');
          expect(got.map((e) => toHex(e.raw))).toEqual(frames.map(toHex));
        },
      ),
    );
  });
});
