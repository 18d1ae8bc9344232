// Row shapes both ledger stores share: an event row as stored, and the ticket document written to the
// projection (without the pseudonym, which is personal data and lives in the personal table only).
import type { StoredEvent } from '../domain/events.js';
import type { VisitFact } from '../domain/stats.js';
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

/**
 * The select list of a visit-fact query. Every value crossing from the database into JS costs about as
 * much as reading it (a year is 150,000 rows), so the six labels (day, service, window, staff, status,
 * rating: few distinct combinations) come joined in one text, decoded once per combination, and the
 * five times and the transfer count follow. `separator` is the dialect's expression for char 31.
 */
export function factColumns(separator: string): string {
  const labels = ['day', 'service_id', 'window_id', 'staff_id', 'status', 'rating'].map((c) => `coalesce(${c}, '')`).join(` || ${separator} || `);
  return `${labels} AS labels, issued_at, first_called_at, called_at, started_at, finished_at, transfers`;
}

/** A row of factColumns, as an array. */
export type FactRow = [labels: string, issuedAt: number, firstCalledAt: number | null, calledAt: number | null, startedAt: number | null, finishedAt: number | null, transfers: number];

type Labels = Pick<VisitFact, 'day' | 'serviceId' | 'windowId' | 'staffId' | 'status' | 'rating'>;

/** Visit facts of factColumns rows; facts with the same labels share their strings. */
export function toVisitFacts(rows: FactRow[]): VisitFact[] {
  const decoded = new Map<string, Labels>();
  const label = (text: string): Labels => {
    let l = decoded.get(text);
    if (!l) {
      const [day, serviceId, windowId, staffId, status, rating] = text.split('\x1f') as [string, string, string, string, VisitFact['status'], string];
      l = { day, serviceId, windowId: windowId || undefined, staffId: staffId || undefined, status, rating: (rating || undefined) as VisitFact['rating'] };
      decoded.set(text, l);
    }
    return l;
  };
  const u = (x: number | null) => (x === null ? undefined : x);
  return rows.map((r) => {
    const l = label(r[0]);
    return {
      serviceId: l.serviceId, windowId: l.windowId, staffId: l.staffId, day: l.day, status: l.status, rating: l.rating,
      issuedAt: r[1], firstCalledAt: u(r[2]), calledAt: u(r[3]), startedAt: u(r[4]), finishedAt: u(r[5]), transfers: r[6],
    };
  });
}
