// Each event's hash covers the previous event's hash and the event's canonical content, so altering,
// removing or reordering any stored event breaks every hash after it.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The stored form of one event: what the hash covers, byte for byte. */
export interface ChainRow {
  seq: number;
  at: number;
  type: string;
  data: string; // canonical JSON of the event body
  prevHash: string;
  hash: string;
}

export function chainHash(prevHash: string, seq: number, at: number, type: string, data: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${at}\n${type}\n${data}`).digest('hex');
}

export type VerifyResult =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; firstBadEvent: number; reason: string };

/** Walks rows in stored order; reports the first row whose sequence, link or hash does not hold. */
export class ChainVerifier {
  private expectedSeq: number;
  private prev: string;
  private count = 0;
  private bad: { seq: number; reason: string } | undefined;

  /** `from`: the last event already verified (a receiver continuing a chain it holds the head of). */
  constructor(from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = from.seq + 1;
    this.prev = from.hash;
  }

  push(row: ChainRow): boolean {
    if (this.bad) return false;
    this.count++;
    if (row.seq !== this.expectedSeq) {
      this.bad = { seq: Math.min(row.seq, this.expectedSeq), reason: row.seq > this.expectedSeq ? `event ${this.expectedSeq} is missing` : `event ${row.seq} is out of order` };
    } else if (row.prevHash !== this.prev) {
      this.bad = { seq: row.seq, reason: `event ${row.seq} does not link to its predecessor` };
    } else if (chainHash(row.prevHash, row.seq, row.at, row.type, row.data) !== row.hash) {
      this.bad = { seq: row.seq, reason: `event ${row.seq} content does not match its hash` };
    }
    this.expectedSeq = row.seq + 1;
    this.prev = row.hash;
    return !this.bad;
  }

  result(): VerifyResult {
    if (this.bad) return { ok: false, events: this.count, firstBadEvent: this.bad.seq, reason: this.bad.reason };
    return { ok: true, events: this.count, head: this.prev };
  }
}
