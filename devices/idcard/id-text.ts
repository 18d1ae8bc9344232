// The 256-byte UCS-2LE text block of a read (30 01) reply, see shared/PROTOCOLS.md §1. The card
// type flag at bytes 248–249 selects one of four layouts; each is a table of [offset, bytes] so the
// parser and the encoder (used by simulators and tests) cannot drift apart.

import type { CardIdentity, CardReadError, CardType } from '../contract.js';
import { compactDateToIso, hasValidCheckCharacter, idNumberBirthDate } from './id-number.js';
import { nationCode, nationName } from './nations.js';

export const ID_TEXT_BYTES = 256;
type Field = readonly [offset: number, bytes: number];
const TYPE_FLAG: Field = [248, 2];

type FieldName =
  | 'name' | 'nameEn' | 'gender' | 'nation' | 'birth' | 'address' | 'idNumber' | 'issuer'
  | 'validFrom' | 'validTo' | 'nationality' | 'passNumber';
type Layout = Partial<Record<FieldName, Field>>;

const COMMON_TAIL = { validFrom: [188, 16], validTo: [204, 16] } as const;

/** GA 467 layouts; the 2017/2023 foreign permanent resident layouts follow the reader SDK headers. */
const LAYOUTS: Record<CardType, Layout> = {
  resident: {
    name: [0, 30], gender: [30, 2], nation: [32, 4], birth: [36, 16], address: [52, 70],
    idNumber: [122, 36], issuer: [158, 30], ...COMMON_TAIL,
  },
  'hmt-residence': {
    name: [0, 30], gender: [30, 2], birth: [36, 16], address: [52, 70], idNumber: [122, 36],
    issuer: [158, 30], ...COMMON_TAIL, passNumber: [220, 18],
  },
  'foreign-permanent-2017': {
    nameEn: [0, 120], gender: [120, 2], idNumber: [122, 30], nationality: [152, 6], name: [158, 30],
    ...COMMON_TAIL, birth: [220, 16],
  },
  'foreign-permanent-2023': {
    name: [0, 30], gender: [30, 2], birth: [36, 16], nameEn: [52, 70], idNumber: [122, 36],
    ...COMMON_TAIL, nationality: [242, 6],
  },
};

const TYPE_BY_FLAG: Record<string, CardType> = {
  ' ': 'resident',
  J: 'hmt-residence',
  I: 'foreign-permanent-2017',
  Y: 'foreign-permanent-2023',
};
const FLAG_BY_TYPE = Object.fromEntries(Object.entries(TYPE_BY_FLAG).map(([f, t]) => [t, f])) as Record<CardType, string>;

const GENDER_BY_CODE: Record<string, CardIdentity['gender']> = {
  '1': 'male', '2': 'female', '0': 'unknown', '9': 'unspecified',
};
const CODE_BY_GENDER = Object.fromEntries(Object.entries(GENDER_BY_CODE).map(([c, g]) => [g, c])) as Record<CardIdentity['gender'], string>;

export type IdTextResult =
  | { ok: true; identity: CardIdentity }
  | { ok: false; error: 'invalid card' | 'unsupported card type'; cardType?: CardType; reason: string };

const LONG_TERM = '长期';

export function parseIdText(block: Uint8Array): IdTextResult {
  if (block.length !== ID_TEXT_BYTES) return invalid(`text block is ${block.length} bytes, not 256`);
  // An all-space flag area (or NULs from some readers) marks a resident card.
  const flag = readField(block, TYPE_FLAG) || ' ';
  const cardType = TYPE_BY_FLAG[flag];
  if (!cardType) return { ok: false, error: 'unsupported card type', reason: `type flag ${JSON.stringify(flag)}` };
  const layout = LAYOUTS[cardType];
  const get = (name: FieldName): string => (layout[name] ? readField(block, layout[name]) : '');

  const idNumber = get('idNumber').toUpperCase();
  const fail = (reason: string): IdTextResult => ({ ok: false, error: 'invalid card', cardType, reason });
  if (!idNumberLooksRight(cardType, idNumber)) return fail('ID number format or check character');
  const birthDate = compactDateToIso(get('birth'));
  if (!birthDate) return fail('birth date');
  if (embedsBirthDate(cardType) && idNumberBirthDate(idNumber) !== birthDate) return fail('birth date differs from ID number');
  const name = get('name') || get('nameEn');
  if (!name) return fail('empty name');

  const identity: CardIdentity = {
    cardType,
    name,
    gender: GENDER_BY_CODE[get('gender')] ?? 'unknown',
    birthDate,
    idNumber,
  };
  const nameEn = get('nameEn');
  if (nameEn) identity.nameEn = nameEn;
  const nationality = get('nationality');
  if (nationality) identity.nationality = nationality;
  const nation = nationName(get('nation'));
  if (nation) identity.nation = nation;
  const address = get('address');
  if (address) identity.address = address;
  const issuer = get('issuer');
  if (issuer) identity.issuer = issuer;
  const validFrom = compactDateToIso(get('validFrom'));
  if (validFrom) identity.validFrom = validFrom;
  const validToRaw = get('validTo');
  const validTo = validToRaw === LONG_TERM ? LONG_TERM : compactDateToIso(validToRaw);
  if (validTo) identity.validTo = validTo;
  return { ok: true, identity };
}

/** The error a failed parse gives the hub: the code, the card type when known, the reason. */
export function cardReadError(result: Extract<IdTextResult, { ok: false }>): CardReadError {
  return { error: result.error, ...(result.cardType ? { cardType: result.cardType } : {}), reason: result.reason };
}

function invalid(reason: string): IdTextResult {
  return { ok: false, error: 'invalid card', reason };
}

/** 2017 foreign cards carry a 15-character number (3 letters + 12 digits) with its own check scheme. */
function idNumberLooksRight(cardType: CardType, id: string): boolean {
  if (cardType === 'foreign-permanent-2017') return /^[A-Z]{3}\d{12}$/.test(id);
  return hasValidCheckCharacter(id);
}

function embedsBirthDate(cardType: CardType): boolean {
  return cardType === 'resident' || cardType === 'hmt-residence';
}

function readField(block: Uint8Array, [offset, bytes]: Field): string {
  const text = Buffer.from(block.buffer, block.byteOffset + offset, bytes).toString('utf16le');
  return text.replace(/[\s\u0000]+$/u, '').replace(/^[\s\u0000]+/u, '');
}

/** Extra fields a card carries that CardIdentity does not (older callers may still pass nameEn and nationality here). */
export interface IdTextExtras {
  nameEn?: string;
  nationality?: string;
  passNumber?: string;
}

/** Builds a text block for an identity (the inverse of parseIdText), padded with spaces. */
export function encodeIdText(identity: CardIdentity, extras: IdTextExtras = {}): Uint8Array {
  const block = new Uint8Array(ID_TEXT_BYTES);
  writeField(block, [0, ID_TEXT_BYTES], '');
  const layout = LAYOUTS[identity.cardType];
  const values: Partial<Record<FieldName, string>> = {
    name: identity.name,
    nameEn: identity.nameEn ?? extras.nameEn,
    gender: CODE_BY_GENDER[identity.gender],
    nation: identity.nation ? nationCode(identity.nation) : undefined,
    birth: identity.birthDate.replaceAll('-', ''),
    address: identity.address,
    idNumber: identity.idNumber,
    issuer: identity.issuer,
    validFrom: identity.validFrom?.replaceAll('-', ''),
    validTo: identity.validTo === LONG_TERM ? LONG_TERM : identity.validTo?.replaceAll('-', ''),
    nationality: identity.nationality ?? extras.nationality,
    passNumber: extras.passNumber,
  };
  for (const [name, field] of Object.entries(layout) as [FieldName, Field][]) {
    const value = values[name];
    if (value) writeField(block, field, value);
  }
  writeField(block, TYPE_FLAG, FLAG_BY_TYPE[identity.cardType]);
  return block;
}

function writeField(block: Uint8Array, [offset, bytes]: Field, value: string): void {
  const padded = value.slice(0, bytes / 2).padEnd(bytes / 2, ' ');
  block.set(Buffer.from(padded, 'utf16le'), offset);
}
