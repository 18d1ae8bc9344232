import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BootKeyboardDecoder, bootReport } from '../../../../devices/pads/hid-report.js';

describe('boot keyboard reports', () => {
  it('maps digit and keypad usages to keys 1–4', () => {
    const d = new BootKeyboardDecoder();
    expect(d.push(bootReport(0x1e))).toEqual(['1']);
    expect(d.push(bootReport())).toEqual([]);
    expect(d.push(bootReport(0x5c))).toEqual(['4']);
    expect(d.push(bootReport())).toEqual([]);
    expect(d.push(bootReport(0x1f, 0x20))).toEqual(['2', '3']);
  });

  it('counts a held key once', () => {
    const d = new BootKeyboardDecoder();
    expect(d.push(bootReport(0x21))).toEqual(['4']);
    expect(d.push(bootReport(0x21))).toEqual([]);
    expect(d.push(bootReport(0x21, 0x1e))).toEqual(['1']);
    expect(d.push(bootReport(0x1e))).toEqual([]);
    expect(d.push(bootReport())).toEqual([]);
    expect(d.push(bootReport(0x21))).toEqual(['4']);
  });

  it('ignores other keys, phantom reports and reports of another size', () => {
    const d = new BootKeyboardDecoder();
    expect(d.push(bootReport(0x04, 0x28))).toEqual([]);
    expect(d.push(bootReport(0x01, 0x01, 0x01, 0x01, 0x01, 0x01))).toEqual([]);
    expect(d.push(Uint8Array.of(0, 0, 0x1e))).toEqual([]);
    // The modifier byte does not matter.
    const shifted = bootReport(0x1e);
    shifted[0] = 0x02;
    expect(d.push(shifted)).toEqual(['1']);
  });

  it('random reports never throw and only report keys whose usage was just pressed', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 7, maxLength: 9 }), { maxLength: 20 }), (reports) => {
        const d = new BootKeyboardDecoder();
        let previous = new Set<number>();
        for (const r of reports) {
          const keys = d.push(r);
          const valid = r.length === 8 && !Array.from(r.subarray(2)).includes(0x01);
          const usages = new Set(Array.from(r.subarray(2)));
          for (const k of keys) {
            const n = Number(k);
            const candidates = [0x1d + n, 0x58 + n];
            expect(candidates.some((u) => usages.has(u) && !previous.has(u))).toBe(true);
          }
          if (valid) previous = new Set(Array.from(r.subarray(2)).filter((u) => u !== 0));
        }
      }),
    );
  });
});
