import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KeyAction } from '../../../../devices/contract.js';
import {
  FF68_FUNC,
  beepFrame,
  createFf68Parser,
  encodeFf68,
  keypadAction,
  keypadFrame,
  ratingFrame,
  ratingScore,
  showNumberFrame,
  startRatingFrame,
  type Ff68Frame,
} from '../../../../devices/pads/ff68.js';

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
const ACTIONS: KeyAction[] = ['call-next', 'recall', 'ask-rating', 'pause', 'transfer', 'abandon', 'call-back'];

describe('FF68 frames', () => {
  it('encodes the documented example: call next at address 4', () => {
    expect(toHex(encodeFf68(keypadFrame(4, 'call-next')))).toBe('FF 68 03 03 68 04 01 0C 11 16');
  });

  it('encodes host frames with the documented shapes', () => {
    expect(toHex(encodeFf68(showNumberFrame(4, 'C012')))).toBe('FF 68 08 08 68 04 02 0A 0A 0A 00 01 02 27 16');
    expect(toHex(encodeFf68(beepFrame(4)))).toBe('FF 68 02 02 68 04 03 07 16');
    expect(toHex(encodeFf68(startRatingFrame(4)))).toBe('FF 68 03 03 68 04 01 0B 10 16');
  });

  it('maps keypad codes, including the confirm key with its qualifier', () => {
    for (const action of ACTIONS) expect(keypadAction(keypadFrame(7, action))).toBe(action);
    expect(keypadAction({ address: 1, func: 1, data: Uint8Array.of(0x06, 0x0f) })).toBe('abandon');
    expect(keypadAction({ address: 1, func: 1, data: Uint8Array.of(0x03, 0x0f) })).toBe('call-back');
    expect(keypadAction({ address: 1, func: 1, data: Uint8Array.of(0x0f) })).toBeUndefined();
    expect(keypadAction({ address: 1, func: 1, data: Uint8Array.of(0x77) })).toBeUndefined();
    expect(keypadAction(ratingFrame(1, 0))).toBeUndefined();
  });

  it('maps rating keys through a configurable map', () => {
    expect([0, 1, 2, 3].map((i) => ratingScore(ratingFrame(4, i)))).toEqual(['very-satisfied', 'satisfied', 'basic', 'dissatisfied']);
    const reversed = ['dissatisfied', 'basic', 'satisfied', 'very-satisfied'] as const;
    expect(ratingScore(ratingFrame(4, 0), reversed)).toBe('dissatisfied');
    expect(ratingScore(ratingFrame(4, 9))).toBeUndefined();
    expect(ratingScore(keypadFrame(4, 'recall'))).toBeUndefined();
  });

  it('parses by length even when the checksum equals the end byte 16', () => {
    // address 0x05, func 0x11, key 0x00 → CS = 0x16
    const frame = ratingFrame(0x05, 0x00);
    const bytes = encodeFf68(frame);
    expect(bytes[bytes.length - 2]).toBe(0x16);
    const events = createFf68Parser().push(Buffer.concat([bytes, encodeFf68(keypadFrame(4, 'recall'))]));
    expect(events.map((e) => e.kind)).toEqual(['frame', 'frame']);
    expect(events[0]?.kind === 'frame' && ratingScore(events[0].frame)).toBe('very-satisfied');
  });

  it('rejects a bad checksum, a bad end byte and mismatched lengths, then recovers', () => {
    const good = encodeFf68(keypadFrame(4, 'call-next'));
    const badCs = Uint8Array.from(good);
    badCs[8] = 0x12;
    const badEnd = Uint8Array.from(good);
    badEnd[9] = 0x17;
    const badLen = Uint8Array.of(0xff, 0x68, 0x03, 0x04, 0x68);
    const events = createFf68Parser().push(Buffer.concat([badCs, badEnd, badLen, good]));
    expect(events.map((e) => (e.kind === 'error' ? e.error : 'frame'))).toEqual(['checksum mismatch', 'missing end byte', 'bad header', 'frame']);
  });
});

describe('FF68 parser, fuzzed', () => {
  it('random bytes never throw and never yield a key or rating that was not a valid frame in the input', () => {
    const chunk = fc.oneof(fc.uint8Array({ maxLength: 10 }), fc.constant(Uint8Array.of(0xff, 0x68)));
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 30 }), (chunks) => {
        const input = Buffer.concat(chunks);
        const parser = createFf68Parser();
        const events = [...parser.push(input, 0), ...parser.expire(1000, 1)];
        for (const e of events) {
          if (e.kind !== 'frame') continue;
          expect(toHex(encodeFf68(e.frame))).toBe(toHex(e.raw));
          expect(input.indexOf(Buffer.from(e.raw))).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('device frames between garbage are each delivered once, in order', () => {
    const deviceFrame: fc.Arbitrary<Ff68Frame> = fc.oneof(
      fc.tuple(fc.nat(255), fc.constantFrom(...ACTIONS)).map(([a, k]) => keypadFrame(a, k)),
      fc.tuple(fc.nat(255), fc.nat(3)).map(([a, i]) => ratingFrame(a, i)),
    );
    const garbage = fc.uint8Array({ maxLength: 8 }).map((a) => a.filter((b) => b !== 0xff));
    fc.assert(
      fc.property(fc.array(fc.tuple(garbage, deviceFrame), { maxLength: 8 }), fc.nat(64), (pairs, chunkSize) => {
        const input = Buffer.concat(pairs.flatMap(([g, f]) => [g, encodeFf68(f)]));
        const parser = createFf68Parser();
        const events = [];
        const step = chunkSize + 1;
        for (let i = 0; i < input.length; i += step) events.push(...parser.push(input.subarray(i, i + step)));
        const frames = events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));
        expect(frames.map((f) => f.func === FF68_FUNC.rating ? ratingScore(f) : keypadAction(f))).toEqual(
          pairs.map(([, f]) => (f.func === FF68_FUNC.rating ? ratingScore(f) : keypadAction(f))),
        );
      }),
    );
  });
});
