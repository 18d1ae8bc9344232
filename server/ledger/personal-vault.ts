// Personal data (name, ID number, phone) never enters the hashed event body. It is sealed with
// AES-256-GCM into its own record; the event carries only the record's ref and a commitment
// sha256(nonce ‖ canonical plaintext). Purging deletes the record; the chain still verifies.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { PersonalLink } from '../domain/events.js';
import { maskName, maskPhone } from '../domain/masking.js';
import { canonicalJson } from './canonical-json.js';
import { openBytes, sealBytes } from './sealed-box.js';
import type { Secrets } from './secrets.js';

export interface PersonalData {
  name?: string;
  idNumber?: string;
  phone?: string;
}

export interface PersonalRecord {
  ref: string;
  createdAt: number;
  sealed: Buffer;
  /** Keyed pseudonym of the ID number; purged with the record. */
  subjectKey?: string;
  maskedName?: string;
  maskedPhone?: string;
}

export class PersonalVault {
  private readonly encKey: Buffer;
  private readonly subjectKeyKey: Buffer;

  constructor(secrets: Secrets) {
    this.encKey = secrets.key('personal-data');
    this.subjectKeyKey = secrets.key('subject-key');
  }

  subjectKey(idNumber: string): string {
    return createHmac('sha256', this.subjectKeyKey).update(idNumber.toUpperCase()).digest('base64url');
  }

  seal(data: PersonalData, now: number): { record: PersonalRecord; link: PersonalLink } {
    const ref = randomUUID();
    const nonce = randomBytes(16).toString('base64');
    const plain = canonicalJson(data);
    const commitment = createHash('sha256').update(`${nonce}\n${plain}`).digest('hex');
    const sealed = sealBytes(this.encKey, ref, JSON.stringify({ nonce, plain }));
    return {
      record: {
        ref, createdAt: now, sealed,
        subjectKey: data.idNumber ? this.subjectKey(data.idNumber) : undefined,
        maskedName: data.name ? maskName(data.name) : undefined,
        maskedPhone: data.phone ? maskPhone(data.phone) : undefined,
      },
      link: { ref, commitment },
    };
  }

  /** Opens a record and checks it against the commitment the ledger holds for it. */
  open(record: Pick<PersonalRecord, 'ref' | 'sealed'>, commitment?: string): PersonalData {
    const text = openBytes(this.encKey, record.ref, record.sealed);
    const { nonce, plain } = JSON.parse(text) as { nonce: string; plain: string };
    if (commitment !== undefined && createHash('sha256').update(`${nonce}\n${plain}`).digest('hex') !== commitment) {
      throw new Error(`personal record ${record.ref} does not match its ledger commitment`);
    }
    return JSON.parse(plain) as PersonalData;
  }
}
