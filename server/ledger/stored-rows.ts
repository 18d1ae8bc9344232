// Row shapes both ledger stores share: an event row as stored, and the ticket document written to the
// projection (without the pseudonym, which is personal data and lives in the personal table only).
import type { StoredEvent } from '../domain/events.js';
import type { Ticket } from '../domain/types.js';
import type { ChainRow } from './hash-chain.js';

export interface EventRowDb { seq: number; at: number; type: string; data: string; prev_hash: string; hash: string }

export function toStored(r: EventRowDb): StoredEvent {
  return { seq: r.seq, at: r.at, type: r.type, data: JSON.parse(r.data), prevHash: r.prev_hash, hash: r.hash } as StoredEvent;
}

export function toChainRow(r: EventRowDb): ChainRow {
  return { seq: r.seq, at: r.at, type: r.type, data: r.data, prevHash: r.prev_hash, hash: r.hash };
}

export function ticketDocument(t: Ticket): string {
  const { subjectKey: _s, ...rest } = t;
  return JSON.stringify(rest);
}

/** The ledger's full-text filter reads one column: matter and outcome, lower-cased. */
export function visitSearchText(t: Ticket): string {
  return `${t.matter ?? ''}\n${t.outcome ?? ''}`.toLowerCase();
}

/** A LIKE pattern (ESCAPE '\\') matching `text` anywhere, case-insensitively against visitSearchText. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Personal-record refs of events another process appended, whose pseudonyms the state needs. */
export function personalRefsOf(events: StoredEvent[]): string[] {
  return events.flatMap((e) => {
    const ref = (e.data as { personal?: { ref?: unknown } }).personal?.ref;
    return typeof ref === 'string' ? [ref] : [];
  });
}
