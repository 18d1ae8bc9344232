import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EscPosBuilder, statusRequest } from '../../../../devices/printer/escpos.js';
import { decodeEscPos, printedQrPayloads, printedText, splitJobs, type EscPosOp } from '../../../../devices/printer/escpos-decode.js';

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('ESC/POS builder', () => {
  it('emits the documented command bytes', () => {
    expect(toHex(new EscPosBuilder().init().bytes())).toBe('1b 40');
    expect(toHex(new EscPosBuilder().chineseMode(true).chineseMode(false).bytes())).toBe('1c 26 1c 2e');
    expect(toHex(new EscPosBuilder().size(2, 3).bytes())).toBe('1d 21 12 1c 21 12');
    expect(toHex(new EscPosBuilder().align('center').feed(3).bytes())).toBe('1b 61 01 1b 64 03');
    expect(toHex(new EscPosBuilder().cut('full').cut('partial').feedAndCut(10).bytes())).toBe('1d 56 00 1d 56 01 1d 56 42 0a');
    expect(toHex(statusRequest(4))).toBe('10 04 04');
  });

  it('emits a model 2 QR code with store length = data + 3', () => {
    const bytes = new EscPosBuilder().qr('ab', { moduleSize: 5, errorLevel: 'Q' }).bytes();
    expect(toHex(bytes)).toBe(
      [
        '1d 28 6b 04 00 31 41 32 00',
        '1d 28 6b 03 00 31 43 05',
        '1d 28 6b 03 00 31 45 32',
        '1d 28 6b 05 00 31 50 30 61 62',
        '1d 28 6b 03 00 31 51 30',
      ].join(' '),
    );
    const long = 'x'.repeat(300);
    const stored = decodeEscPos(new EscPosBuilder().qr(long).bytes());
    expect(printedQrPayloads(stored)).toEqual([long]);
    expect(() => new EscPosBuilder().qr('')).toThrow(RangeError);
  });
});

describe('ESC/POS decoder', () => {
  it('decodes what the builder wrote', () => {
    const bytes = new EscPosBuilder()
      .init().chineseMode(true).align('center').size(4).line('C012').size(1).line('法律援助')
      .qr('https://hall.example/t/abc').feed(2).cut()
      .bytes();
    const ops = decodeEscPos(bytes);
    expect(ops).toContainEqual({ op: 'size', target: 'ascii', width: 4, height: 4 });
    expect(ops).toContainEqual({ op: 'align', align: 'center' });
    expect(printedText(ops)).toBe('C012\n法律援助\n');
    expect(printedQrPayloads(ops)).toEqual(['https://hall.example/t/abc']);
    expect(ops.at(-1)).toEqual({ op: 'cut', mode: 'partial' });
    expect(splitJobs(ops)).toHaveLength(1);
  });

  it('reports a stream cut inside a command as truncated', () => {
    expect(decodeEscPos(Uint8Array.of(0x41, 0x1d, 0x28, 0x6b, 0x10, 0x00, 0x31))).toEqual([
      { op: 'text', text: 'A' },
      { op: 'truncated', bytes: [0x1d, 0x28, 0x6b, 0x10, 0x00, 0x31] },
    ]);
  });

  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const ops = decodeEscPos(bytes);
        expect(Array.isArray(ops)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('random builder programs decode back to their text and QR payloads', () => {
    type Step = { kind: 'text'; value: string } | { kind: 'qr'; value: string } | { kind: 'size'; value: number } | { kind: 'align'; value: 'left' | 'center' | 'right' };
    const chinese = fc.string({ unit: fc.constantFrom(...'前面还有人请稍候法律援助咨询调解公证ABC xyz0123,.'), maxLength: 20 });
    const step: fc.Arbitrary<Step> = fc.oneof(
      chinese.map((value) => ({ kind: 'text' as const, value })),
      fc.webUrl().map((value) => ({ kind: 'qr' as const, value })),
      fc.integer({ min: 1, max: 8 }).map((value) => ({ kind: 'size' as const, value })),
      fc.constantFrom('left' as const, 'center' as const, 'right' as const).map((value) => ({ kind: 'align' as const, value })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), (steps) => {
        const b = new EscPosBuilder().init();
        for (const s of steps) {
          if (s.kind === 'text') b.text(s.value);
          else if (s.kind === 'qr') b.qr(s.value);
          else if (s.kind === 'size') b.size(s.value);
          else b.align(s.value);
        }
        const ops: EscPosOp[] = decodeEscPos(b.cut().bytes());
        const texts = steps.flatMap((s) => (s.kind === 'text' ? [s.value] : []));
        expect(printedText(ops)).toBe(texts.join(''));
        expect(printedQrPayloads(ops)).toEqual(steps.flatMap((s) => (s.kind === 'qr' ? [s.value] : [])));
        expect(ops.some((o) => o.op === 'unknown' || o.op === 'truncated')).toBe(false);
      }),
    );
  });
});
