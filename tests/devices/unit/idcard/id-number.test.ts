import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ageOn,
  compactDateToIso,
  hasValidCheckCharacter,
  idCheckCharacter,
  idNumberBirthDate,
  idNumberGender,
  isValidIdNumber,
  maskIdNumber,
} from '../../../../devices/idcard/id-number.js';

describe('ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes the check character of the standard example', () => {
    // The example number of GB 11643-1999.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(hasValidCheckCharacter('11010519491231002X')).toBe(true);
    expect(hasValidCheckCharacter('11010519491231002x')).toBe(true);
    expect(hasValidCheckCharacter('110105194912310021')).toBe(false);
  });

  it('rejects wrong shapes', () => {
    for (const bad of ['', '123', '11010519491231002', '11010519491231002XX', 'A1010519491231002X', '1101051949123100X2']) {
      expect(hasValidCheckCharacter(bad)).toBe(false);
    }
  });

  it('any single changed digit breaks the check', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.nat(16), fc.integer({ min: 1, max: 9 }), (first17, pos, delta) => {
        const id = first17 + idCheckCharacter(first17);
        const changed = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(hasValidCheckCharacter(id)).toBe(true);
        expect(hasValidCheckCharacter(changed)).toBe(false);
      }),
    );
  });

  it('extracts birth date and gender, and validates the date', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idNumberGender('11010519491231002X')).toBe('female');
    expect(idNumberGender('110105194912310039')).toBe('male');
    expect(compactDateToIso('20230229')).toBeUndefined();
    expect(compactDateToIso('20240229')).toBe('2024-02-29');
    const feb30 = '11010520230230001';
    expect(isValidIdNumber(feb30 + idCheckCharacter(feb30))).toBe(false);
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('computes age in whole years', () => {
    expect(ageOn('1950-03-07', '2020-03-06')).toBe(69);
    expect(ageOn('1950-03-07', '2020-03-07')).toBe(70);
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
  });

  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('CAN320075043001')).toBe('CAN********3001');
    expect(maskIdNumber('12')).toBe('*2');
    expect(maskIdNumber('')).toBe('');
  });
});
