import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeGb18030, encodeGb18030, isPrintableGb18030 } from '../../../../devices/printer/gb18030.js';

describe('GB18030 two-byte encoder', () => {
  it('encodes ASCII and common Chinese as the known codes', () => {
    expect(Buffer.from(encodeGb18030('A中国')).toString('hex')).toBe('41d6d0b9fa');
    expect(Buffer.from(encodeGb18030('法律援助')).toString('hex')).toBe('b7a8c2c9d4aed6fa');
  });

  it('round-trips text of the two-byte area', () => {
    const text = '前面还有 12 人，请耐心等候。公共法律服务中心 €·—';
    expect(isPrintableGb18030(text)).toBe(true);
    expect(decodeGb18030(encodeGb18030(text))).toBe(text);
  });

  it('replaces characters that need four bytes instead of corrupting the ticket', () => {
    expect(isPrintableGb18030('𠀀')).toBe(false);
    expect(decodeGb18030(encodeGb18030('a𠀀b😀c'))).toBe('a?b?c');
    expect(decodeGb18030(encodeGb18030('x\u{e000}y', { replacement: '*' }))).toBe('x*y');
  });

  it('turns control characters into spaces so text cannot inject printer commands', () => {
    expect(Array.from(encodeGb18030('a\x1b@\x1dV\x00b\nc'))).toEqual([0x61, 0x20, 0x40, 0x20, 0x56, 0x20, 0x62, 0x0a, 0x63]);
  });

  it('never emits a byte sequence that decodes to something other than the text or replacements', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const bytes = encodeGb18030(text);
        for (const b of bytes) expect(b === 0x0a || b >= 0x20).toBe(true);
        const back = decodeGb18030(bytes);
        expect(back).not.toContain('\ufffd');
        expect([...back].length).toBe([...text].length);
      }),
    );
  });
});
