// Arrival of a site's events at the city, as pure functions: check the hash chain from the head the
// city holds, then fold the accepted events onto the visits they touch with the domain's own `evolve`
// and return the changed documents and the per-day changes of the totals. No I/O: the ingestor loads
// and stores around it.
import { DEFAULT_RULES, createState } from '../domain/state.js';
import { evolve } from '../domain/evolve.js';
import type { StoredEvent } from '../domain/events.js';
import type { FollowUp, Ticket } from '../domain/types.js';
import { ChainVerifier, type ChainRow } from '../ledger/hash-chain.js';
import { addTotals, emptyTotals, followUpContribution, isZero, ticketContribution, type DayTotals } from './day-totals.js';

export interface Refusal {
  seq: number;
  reason: string;
}

export interface ChainCheck {
  /** The contiguous, verified run of rows after the head. */
  accepted: ChainRow[];
  /** Set when a row breaks the chain: nothing from it on is accepted. */
  refusal?: Refusal;
}

/**
 * Walks rows (ordered by seq, all after `head.seq`) from the city's head. A gap is not an error — the
 * missing event may still be in flight — so the run simply ends there; a wrong link or hash is.
 */
export function checkChain(head: { seq: number; hash: string }, rows: readonly ChainRow[]): ChainCheck {
  const verifier = new ChainVerifier(head);
  const accepted: ChainRow[] = [];
  let expected = head.seq + 1;
  for (const row of rows) {
    if (row.seq !== expected) break;
    if (!verifier.push(row)) {
      const r = verifier.result();
      return { accepted, refusal: r.ok ? { seq: row.seq, reason: 'chain check failed' } : { seq: r.firstBadEvent, reason: r.reason } };
    }
    accepted.push(row);
    expected++;
  }
  return { accepted };
}

/** A stored row as an event; a body that is not JSON is a refusal, not a crash. */
export function parseRow(row: ChainRow): StoredEvent {
  const data: unknown = JSON.parse(row.data);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('event body is not an object');
  return { seq: row.seq, at: row.at, type: row.type, data, prevHash: row.prevHash, hash: row.hash } as StoredEvent;
}

/** Only visits and follow-ups feed the city's figures; windows, staff and complaints stay at the site. */
const folds = (type: string) => type.startsWith('ticket.') || type.startsWith('follow-up.');
/** Events that bring a visit or a follow-up into being; every other folded event refers to one. */
const CREATES = new Set(['ticket.issued', 'follow-up.opened']);

const idIn = (data: unknown, key: 'ticketId' | 'followUpId'): string | undefined => {
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
};

/**
 * The visits and follow-ups (already known to the city) that these events change: by the ids the
 * events carry, so a kind of event added later is folded without a change here.
 */
export function referencedIds(events: readonly StoredEvent[]): { ticketIds: string[]; followUpIds: string[] } {
  const tickets = new Set<string>();
  const followUps = new Set<string>();
  for (const e of events) {
    if (!folds(e.type)) continue;
    const ticketId = idIn(e.data, 'ticketId');
    if (ticketId && e.type !== 'ticket.issued') tickets.add(ticketId);
    const followUpId = idIn(e.data, 'followUpId');
    if (followUpId && !CREATES.has(e.type)) followUps.add(followUpId);
  }
  return { ticketIds: [...tickets], followUpIds: [...followUps] };
}

export interface KnownFollowUp {
  doc: FollowUp;
  /** Business day of the visit it follows up: the day its totals count under. */
  day: string;
}

export interface Fold {
  /** How many of the events were applied (all unless `refusal`). */
  applied: number;
  refusal?: Refusal;
  tickets: Ticket[];
  followUps: KnownFollowUp[];
  /** Per business day: what to add to the day's totals. */
  deltas: Map<string, DayTotals>;
}

export function foldEvents(timeZone: string, events: readonly StoredEvent[], known: { tickets: Ticket[]; followUps: KnownFollowUp[] }): Fold {
  const state = createState({ rules: { ...DEFAULT_RULES, timeZone }, services: [], windows: [], day: '' });
  const deltas = new Map<string, DayTotals>();
  const delta = (day: string) => {
    let d = deltas.get(day);
    if (!d) deltas.set(day, (d = emptyTotals()));
    return d;
  };
  const followUpDay = new Map<string, string>();
  for (const t of known.tickets) {
    state.tickets.set(t.id, t);
    addTotals(delta(t.day), ticketContribution(t), -1);
  }
  for (const f of known.followUps) {
    state.followUps.set(f.doc.id, f.doc);
    followUpDay.set(f.doc.id, f.day);
    addTotals(delta(f.day), followUpContribution(f.doc), -1);
  }

  let applied = 0;
  let refusal: Refusal | undefined;
  for (const e of events) {
    if (folds(e.type)) {
      try {
        const followUpId = idIn(e.data, 'followUpId');
        if (followUpId && !CREATES.has(e.type) && !state.followUps.has(followUpId)) throw new Error(`follow-up ${followUpId} is unknown`);
        evolve(state, e);
        if (e.type === 'follow-up.opened') followUpDay.set(e.data.followUpId, state.tickets.get(e.data.ticketId)!.day);
      } catch (err) {
        refusal = { seq: e.seq, reason: `event ${e.seq} (${e.type}) cannot be applied: ${err instanceof Error ? err.message : String(err)}` };
        break;
      }
    }
    applied++;
  }

  const tickets = [...state.tickets.values()];
  for (const t of tickets) addTotals(delta(t.day), ticketContribution(t));
  const followUps = [...state.followUps.values()].map((doc) => ({ doc, day: followUpDay.get(doc.id)! }));
  for (const f of followUps) addTotals(delta(f.day), followUpContribution(f.doc));
  for (const [day, d] of deltas) if (isZero(d)) deltas.delete(day);
  return { applied, refusal, tickets, followUps, deltas };
}
