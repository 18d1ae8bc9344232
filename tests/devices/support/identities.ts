// Invented people for the ID-card tests: one per card type, with correct check characters.
import type { CardIdentity } from '../../../devices/contract.js';
import { idCheckCharacter } from '../../../devices/idcard/id-number.js';
import type { IdTextExtras } from '../../../devices/idcard/id-text.js';

export function withCheck(first17: string): string {
  const check = idCheckCharacter(first17);
  if (!check) throw new Error(`not 17 digits: ${first17}`);
  return first17 + check;
}

/** Same number with a wrong check character. */
export function withWrongCheck(first17: string): string {
  const right = idCheckCharacter(first17) as string;
  return first17 + (right === '0' ? '1' : '0');
}

export const RESIDENT: CardIdentity = {
  cardType: 'resident',
  name: '张小明',
  gender: 'male',
  nation: '汉',
  birthDate: '1950-03-07',
  address: '江苏省溧阳市燕山路100号',
  idNumber: withCheck('32048119500307001'),
  issuer: '溧阳市公安局',
  validFrom: '2015-06-01',
  validTo: '长期',
};

export const HMT_RESIDENT: CardIdentity = {
  cardType: 'hmt-residence',
  name: '陈美玲',
  gender: 'female',
  birthDate: '1988-11-20',
  address: '江苏省溧阳市昆仑街道1号',
  idNumber: withCheck('81000019881120002'),
  issuer: '溧阳市公安局',
  validFrom: '2020-01-02',
  validTo: '2025-01-01',
};
export const HMT_EXTRAS: IdTextExtras = { passNumber: 'H12345678' };

export const FOREIGN_2017: CardIdentity = {
  cardType: 'foreign-permanent-2017',
  name: '李约翰',
  gender: 'male',
  birthDate: '1975-04-30',
  idNumber: 'CAN320075043001',
  validFrom: '2018-05-05',
  validTo: '2028-05-04',
  nameEn: 'JOHN SMITH',
  nationality: 'CAN',
};
export const FOREIGN_2017_EXTRAS: IdTextExtras = {};

export const FOREIGN_2023: CardIdentity = {
  cardType: 'foreign-permanent-2023',
  name: '王安娜',
  gender: 'female',
  birthDate: '1990-08-15',
  idNumber: withCheck('93212419900815002'),
  validFrom: '2023-12-01',
  validTo: '2033-11-30',
  nameEn: 'ANNA WANG',
  nationality: 'AUS',
};
export const FOREIGN_2023_EXTRAS: IdTextExtras = {};

export const ALL_CARDS: { identity: CardIdentity; extras: IdTextExtras }[] = [
  { identity: RESIDENT, extras: {} },
  { identity: HMT_RESIDENT, extras: HMT_EXTRAS },
  { identity: FOREIGN_2017, extras: FOREIGN_2017_EXTRAS },
  { identity: FOREIGN_2023, extras: FOREIGN_2023_EXTRAS },
];
