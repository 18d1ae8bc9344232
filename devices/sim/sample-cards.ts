// Invented cards for the ID-card reader simulator (`npm run simulate -- idcard`): one of each card
// type, with correct check characters, and one whose check character is wrong. Nobody real.
import type { CardIdentity } from '../contract.js';
import { idCheckCharacter } from '../idcard/id-number.js';

function withCheck(first17: string): string {
  return first17 + (idCheckCharacter(first17) ?? '');
}

const RESIDENT: CardIdentity = {
  cardType: 'resident', name: '张小明', gender: 'male', nation: '汉', birthDate: '1950-03-07',
  address: '江苏省溧阳市燕山路100号', idNumber: withCheck('32048119500307001'), issuer: '溧阳市公安局',
  validFrom: '2015-06-01', validTo: '长期',
};

export const SAMPLE_CARDS: Readonly<Record<string, CardIdentity>> = {
  /** Born 1950: old enough for the green channel. */
  resident: RESIDENT,
  young: { ...RESIDENT, name: '李思雨', gender: 'female', birthDate: '1998-09-21', idNumber: withCheck('32048119980921002'), validFrom: '2018-01-05', validTo: '2028-01-05' },
  hmt: {
    cardType: 'hmt-residence', name: '陈美玲', gender: 'female', birthDate: '1988-11-20', address: '江苏省溧阳市昆仑街道1号',
    idNumber: withCheck('81000019881120002'), issuer: '溧阳市公安局', validFrom: '2020-01-02', validTo: '2025-01-01',
  },
  'foreign-2017': {
    cardType: 'foreign-permanent-2017', name: '李约翰', nameEn: 'JOHN SMITH', nationality: 'CAN', gender: 'male',
    birthDate: '1975-04-30', idNumber: 'CAN320075043001', validFrom: '2018-05-05', validTo: '2028-05-04',
  },
  'foreign-2023': {
    cardType: 'foreign-permanent-2023', name: '王安娜', nameEn: 'ANNA WANG', nationality: 'AUS', gender: 'female',
    birthDate: '1990-08-15', idNumber: withCheck('93212419900815002'), validFrom: '2023-12-01', validTo: '2033-11-30',
  },
  /** A wrong check character: the kiosk must say "invalid card". */
  invalid: { ...RESIDENT, idNumber: RESIDENT.idNumber.slice(0, 17) + (RESIDENT.idNumber.endsWith('0') ? '1' : '0') },
};
