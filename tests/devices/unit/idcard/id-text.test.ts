import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CardIdentity } from '../../../../devices/contract.js';
import { hasValidCheckCharacter } from '../../../../devices/idcard/id-number.js';
import { cardReadError, encodeIdText, parseIdText } from '../../../../devices/idcard/id-text.js';
import { NATIONS } from '../../../../devices/idcard/nations.js';
import { ALL_CARDS, FOREIGN_2017, FOREIGN_2017_EXTRAS, RESIDENT, withCheck, withWrongCheck } from '../../support/identities.js';

/** Writes a UCS-2LE string at a byte offset, as a card would carry it. */
function put(block: Uint8Array, offset: number, text: string): Uint8Array {
  block.set(Buffer.from(text, 'utf16le'), offset);
  return block;
}

/** A blank 256-byte text block (spaces) with each field written at its byte offset. */
function textBlock(fields: [offset: number, text: string][]): Uint8Array {
  const block = put(new Uint8Array(256), 0, ' '.repeat(128));
  for (const [offset, text] of fields) put(block, offset, text);
  return block;
}

describe('ID text block', () => {
  it('parses a resident card written field by field at the documented offsets', () => {
    const block = textBlock([
      [0, '张小明'],
      [30, '1'],
      [32, '01'],
      [36, '19500307'],
      [52, '江苏省溧阳市燕山路100号'],
      [122, RESIDENT.idNumber],
      [158, '溧阳市公安局'],
      [188, '20150601'],
      [204, '长期'],
    ]);
    expect(parseIdText(block)).toEqual({ ok: true, identity: RESIDENT });
  });

  it.each(ALL_CARDS.map((c) => [c.identity.cardType, c] as const))('round-trips a %s card', (_type, { identity, extras }) => {
    expect(parseIdText(encodeIdText(identity, extras))).toEqual({ ok: true, identity });
  });

  it('uses the English name of a 2017 foreign card when the Chinese name is empty', () => {
    const identity = { ...FOREIGN_2017, name: '' };
    const parsed = parseIdText(encodeIdText(identity, FOREIGN_2017_EXTRAS));
    expect(parsed).toMatchObject({ ok: true, identity: { name: 'JOHN SMITH', cardType: 'foreign-permanent-2017' } });
  });

  it('gives the English name and the nationality of a 2017 foreign card written at its offsets', () => {
    const block = textBlock([
      [0, 'JOHN SMITH'],
      [120, '1'],
      [122, 'CAN320075043001'],
      [152, 'CAN'],
      [158, '李约翰'],
      [188, '20180505'],
      [204, '20280504'],
      [220, '19750430'],
      [248, 'I'],
    ]);
    expect(parseIdText(block)).toEqual({ ok: true, identity: FOREIGN_2017 });
  });

  it('an invalid card keeps its card type and reason for the hub, and no identity', () => {
    const bad = { ...ALL_CARDS[3]!.identity, idNumber: withWrongCheck(ALL_CARDS[3]!.identity.idNumber.slice(0, 17)) };
    const parsed = parseIdText(encodeIdText(bad));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(cardReadError(parsed)).toEqual({ error: 'invalid card', cardType: 'foreign-permanent-2023', reason: 'ID number format or check character' });
    expect(JSON.stringify(cardReadError(parsed))).not.toContain(bad.idNumber);
  });

  it('reads the flag of a residence permit and does not take the pass number for a date', () => {
    const { identity, extras } = ALL_CARDS[1] as (typeof ALL_CARDS)[number];
    const parsed = parseIdText(encodeIdText(identity, extras));
    expect(parsed.ok && parsed.identity.cardType).toBe('hmt-residence');
    expect(parsed.ok && parsed.identity.nation).toBeUndefined();
  });

  it('maps every nation code, including 97 and 98', () => {
    expect(Object.keys(NATIONS)).toHaveLength(58);
    for (const [code, name] of Object.entries(NATIONS)) {
      const parsed = parseIdText(put(encodeIdText({ ...RESIDENT, nation: undefined }), 32, code));
      expect(parsed.ok && parsed.identity.nation).toBe(name);
    }
    expect(NATIONS['56']).toBe('基诺');
    expect(NATIONS['98']).toBe('外国血统中国籍人士');
  });

  it('answers "invalid card" for a wrong check character, never an identity', () => {
    const bad = { ...RESIDENT, idNumber: withWrongCheck(RESIDENT.idNumber.slice(0, 17)) };
    expect(parseIdText(encodeIdText(bad))).toMatchObject({ ok: false, error: 'invalid card', cardType: 'resident' });
  });

  it('answers "invalid card" when the birth date disagrees with the number', () => {
    const bad = { ...RESIDENT, birthDate: '1950-03-08' };
    expect(parseIdText(encodeIdText(bad))).toMatchObject({ ok: false, error: 'invalid card' });
  });

  it('recognises an unknown type flag without guessing fields', () => {
    const block = put(encodeIdText(RESIDENT), 248, 'Z');
    expect(parseIdText(block)).toMatchObject({ ok: false, error: 'unsupported card type' });
  });

  it('keeps the gender codes 0 and 9 apart', () => {
    for (const gender of ['unknown', 'unspecified', 'female'] as const) {
      const parsed = parseIdText(encodeIdText({ ...RESIDENT, gender }));
      expect(parsed.ok && parsed.identity.gender).toBe(gender);
    }
  });
});

describe('ID text block, fuzzed', () => {
  it('random blocks never throw and never give an identity with an invalid number or date', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), (block) => {
        const parsed = parseIdText(block);
        if (parsed.ok) expectPlausible(parsed.identity);
      }),
      { numRuns: 500 },
    );
  });

  it('a valid card with random field damage is either still plausible or refused', () => {
    const card = encodeIdText(RESIDENT);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(255), fc.nat(255)), { minLength: 1, maxLength: 6 }), (edits) => {
        const block = Uint8Array.from(card);
        for (const [pos, value] of edits) block[pos] = value;
        const parsed = parseIdText(block);
        if (parsed.ok) expectPlausible(parsed.identity);
      }),
      { numRuns: 500 },
    );
  });

  it('any identity with a valid number round-trips', () => {
    const digits17 = fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).chain((d) => {
      const ymd = d.toISOString().slice(0, 10);
      return fc.stringMatching(/^\d{6}$/).chain((region) =>
        fc.stringMatching(/^\d{3}$/).map((seq) => ({ ymd, first17: region + ymd.replaceAll('-', '') + seq })),
      );
    });
    const name = fc.string({ unit: fc.constantFrom(...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'), minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(digits17, name, ({ ymd, first17 }, n) => {
        const identity: CardIdentity = { cardType: 'resident', name: n, gender: 'male', birthDate: ymd, idNumber: withCheck(first17) };
        expect(parseIdText(encodeIdText(identity))).toEqual({ ok: true, identity });
      }),
    );
  });
});

function expectPlausible(identity: CardIdentity): void {
  if (identity.cardType === 'foreign-permanent-2017') expect(identity.idNumber).toMatch(/^[A-Z]{3}\d{12}$/);
  else expect(hasValidCheckCharacter(identity.idNumber)).toBe(true);
  expect(identity.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(identity.name.length).toBeGreaterThan(0);
}
