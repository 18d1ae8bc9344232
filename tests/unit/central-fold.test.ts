// The city's arrival logic without a database: the chain check continues from the head the city
// holds, and folding a site's events in batches (with the documents round-tripped as JSON, as the
// database does) gives exactly the totals the hub's own statistics compute over the same visits.
import { describe, expect, it } from 'vitest';
import { busyDay } from '../../bench/central.js';
import { addTotals, emptyTotals, figuresOf, type DayTotals } from '../../server/central/day-totals.js';
import { checkChain, foldEvents, parseRow, referencedIds, type KnownFollowUp } from '../../server/central/site-fold.js';
import { evolve } from '../../server/domain/evolve.js';
import type { StoredEvent } from '../../server/domain/events.js';
import { DEFAULT_RULES, createState } from '../../server/domain/state.js';
import { factOf, summarize } from '../../server/domain/stats.js';
import type { FollowUp, Ticket } from '../../server/domain/types.js';
import { canonicalJson } from '../../server/ledger/canonical-json.js';
import { GENESIS_HASH, type ChainRow } from '../../server/ledger/hash-chain.js';

const rowOf = (e: StoredEvent): ChainRow => ({ seq: e.seq, at: e.at, type: e.type, data: canonicalJson(e.data), prevHash: e.prevHash, hash: e.hash });

/** The city in memory: documents kept as JSON text, totals per day. */
function city() {
  const tickets = new Map<string, string>();
  const followUps = new Map<string, { doc: string; day: string }>();
  const days = new Map<string, DayTotals>();
  return {
    days,
    ingest(events: StoredEvent[]) {
      const ids = referencedIds(events);
      const known = {
        tickets: ids.ticketIds.filter((id) => tickets.has(id)).map((id) => JSON.parse(tickets.get(id)!) as Ticket),
        followUps: ids.followUpIds.filter((id) => followUps.has(id)).map((id): KnownFollowUp => ({ doc: JSON.parse(followUps.get(id)!.doc) as FollowUp, day: followUps.get(id)!.day })),
      };
      const fold = foldEvents('Asia/Shanghai', events, known);
      for (const t of fold.tickets) tickets.set(t.id, JSON.stringify(t));
      for (const f of fold.followUps) followUps.set(f.doc.id, { doc: JSON.stringify(f.doc), day: f.day });
      for (const [day, d] of fold.deltas) days.set(day, addTotals(days.get(day) ?? emptyTotals(), d));
      return fold;
    },
  };
}

describe('chain check on arrival', () => {
  const events = busyDay(1, 40);
  const rows = events.map(rowOf);

  it('accepts a whole day from the genesis, and the rest of it from any head', () => {
    expect(checkChain({ seq: 0, hash: GENESIS_HASH }, rows)).toEqual({ accepted: rows });
    const head = events[99]!;
    const rest = checkChain({ seq: head.seq, hash: head.hash }, rows.slice(100));
    expect(rest.refusal).toBeUndefined();
    expect(rest.accepted.map((r) => r.seq)).toEqual(rows.slice(100).map((r) => r.seq));
  });

  it('a gap ends the run without a refusal: the missing event may still come', () => {
    const check = checkChain({ seq: 0, hash: GENESIS_HASH }, [...rows.slice(0, 10), ...rows.slice(11)]);
    expect(check.accepted).toHaveLength(10);
    expect(check.refusal).toBeUndefined();
  });

  it('an altered body, a wrong link or a head the site does not continue is refused at that event', () => {
    const altered = rows.map((r) => (r.seq === 12 ? { ...r, data: `${r.data.slice(0, -1)},"zz":1}` } : r));
    expect(checkChain({ seq: 0, hash: GENESIS_HASH }, altered)).toMatchObject({ refusal: { seq: 12, reason: expect.stringMatching(/does not match its hash/) } });
    expect(checkChain({ seq: 0, hash: GENESIS_HASH }, altered).accepted).toHaveLength(11);
    const relinked = rows.map((r) => (r.seq === 5 ? { ...r, prevHash: 'f'.repeat(64) } : r));
    expect(checkChain({ seq: 0, hash: GENESIS_HASH }, relinked).refusal).toMatchObject({ seq: 5, reason: expect.stringMatching(/does not link/) });
    // The city holds another history for this site: the next event does not continue it.
    expect(checkChain({ seq: 20, hash: 'a'.repeat(64) }, rows.slice(20)).refusal).toMatchObject({ seq: 21 });
  });
});

describe('folding events into per-day totals', () => {
  it('batches of any size give the hub statistics over the same visits (issued, served, no-show, wait, satisfaction, follow-ups)', () => {
    const events = busyDay(7, 300);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['window.signed-in', 'ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.no-show', 'ticket.started',
      'ticket.finished', 'ticket.rated', 'ticket.cancelled', 'follow-up.opened', 'follow-up.attempted', 'follow-up.closed']));
    // The reference: the whole day through evolve, summarized by the domain's statistics.
    const state = createState({ rules: DEFAULT_RULES, services: [], windows: [], day: '' });
    for (const e of events) evolve(state, e);
    const tickets = [...state.tickets.values()];
    const expected = summarize('2026-11-23', tickets.map(factOf), () => undefined);
    const followUps = [...state.followUps.values()];
    expect(expected.noShow).toBeGreaterThan(0);
    expect(followUps.length).toBeGreaterThan(0);

    for (const batch of [1, 7, 250, events.length]) {
      const c = city();
      for (let i = 0; i < events.length; i += batch) {
        const fold = c.ingest(events.slice(i, i + batch).map((e) => parseRow(rowOf(e))));
        expect(fold.refusal).toBeUndefined();
      }
      expect([...c.days.keys()]).toEqual(['2026-11-23']);
      const got = figuresOf(c.days.get('2026-11-23')!);
      expect(got).toEqual({
        issued: expected.issued, served: expected.served, noShow: expected.noShow, avgWaitMinutes: expected.avgWaitMinutes,
        satisfactionRate: expected.satisfactionRate,
        followUpRate: Math.round((followUps.filter((f) => f.status === 'done').length / followUps.length) * 10_000) / 10_000,
      });
      expect(c.days.get('2026-11-23')!.cancelled).toBe(expected.cancelled);
    }
  });

  it('an event about a visit the city never saw is refused where it stands; what came before is applied', () => {
    const events = busyDay(3, 10);
    const c = city();
    const firstCall = events.findIndex((e) => e.type === 'ticket.called');
    const orphan = events.slice(firstCall, firstCall + 1); // its ticket.issued never arrived
    const fold = c.ingest([...events.filter((e) => e.type === 'window.signed-in'), ...orphan]);
    expect(fold.applied).toBe(6);
    expect(fold.refusal).toMatchObject({ seq: events[firstCall]!.seq, reason: expect.stringMatching(/unknown ticket/) });
    const closing = { ...events[0]!, seq: 999, type: 'follow-up.closed', data: { followUpId: 'nope', by: 'x', reached: true, resolved: true, note: '' } } as StoredEvent;
    expect(c.ingest([closing]).refusal).toMatchObject({ seq: 999, reason: expect.stringMatching(/follow-up nope is unknown/) });
  });

  it('a body that is not a JSON object is refused, not a crash', () => {
    const row = { ...rowOf(busyDay(2, 1)[0]!), data: '[1,2]' };
    expect(() => parseRow(row)).toThrow(/not an object/);
    expect(() => parseRow({ ...row, data: '{oops' })).toThrow();
  });
});
