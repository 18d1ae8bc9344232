// The statistics' day cache: settled days are read from the store once (a day per query), open days
// every time, filters give the same facts as the store would.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/business-day.js';
import type { VisitFact } from '../../server/domain/stats.js';
import { FactCache } from '../../server/reports/fact-cache.js';
import type { LedgerStore, VisitQuery } from '../../server/ledger/store.js';

const fact = (day: string, windowId: string, rating?: VisitFact['rating']): VisitFact => ({ serviceId: 'consult', windowId, day, status: 'done', rating, issuedAt: 0, transfers: 0 });
const FACTS = [fact('2026-11-16', '2', 'basic'), fact('2026-11-16', '5'), fact('2026-11-18', '2', 'satisfied'), fact('2026-11-22', '5'), fact('2026-11-23', '2')];

function fakeStore() {
  const calls: VisitQuery[] = [];
  const store = {
    calls,
    async visitFacts(q: VisitQuery) {
      calls.push(q);
      return FACTS.filter((f) => f.day >= q.fromDay && f.day <= q.toDay && (!q.windowId || f.windowId === q.windowId) && (!q.text || q.text === 'x'));
    },
  };
  return store as unknown as LedgerStore & { calls: VisitQuery[] };
}

const NOW = Date.parse('2026-11-23T10:00:00+08:00'); // today 23rd; the 22nd is still open
const TZ = 'Asia/Shanghai';

/** One query per day of [from, to]. */
function daily(from: string, to: string): VisitQuery[] {
  const out: VisitQuery[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ fromDay: d, toDay: d });
  return out;
}

describe('FactCache', () => {
  it('reads settled days once and open days on every request', async () => {
    const store = fakeStore();
    const cache = new FactCache(store);
    const q = { fromDay: '2026-11-16', toDay: '2026-11-23' };
    expect(await cache.facts(q, NOW, TZ)).toEqual(FACTS);
    expect(store.calls).toEqual([...daily('2026-11-16', '2026-11-21'), { fromDay: '2026-11-22', toDay: '2026-11-23' }]);
    expect(await cache.facts(q, NOW, TZ)).toEqual(FACTS);
    expect(store.calls.slice(7)).toEqual([{ fromDay: '2026-11-22', toDay: '2026-11-23' }]);
    // a wider range reads only the days not cached yet
    await cache.facts({ fromDay: '2026-11-10', toDay: '2026-11-18' }, NOW, TZ);
    expect(store.calls.slice(8)).toEqual(daily('2026-11-10', '2026-11-15'));
  });

  it('applies the filters like the store; the text search goes to the store', async () => {
    const store = fakeStore();
    const cache = new FactCache(store);
    expect(await cache.facts({ fromDay: '2026-11-01', toDay: '2026-11-30', windowId: '2' }, NOW, TZ)).toEqual(FACTS.filter((f) => f.windowId === '2'));
    expect(await cache.facts({ fromDay: '2026-11-01', toDay: '2026-11-30', rating: 'basic' }, NOW, TZ)).toEqual([FACTS[0]]);
    const before = store.calls.length;
    expect(await cache.facts({ fromDay: '2026-11-01', toDay: '2026-11-30', text: 'x' }, NOW, TZ)).toHaveLength(FACTS.length);
    expect(store.calls[before]).toMatchObject({ text: 'x' });
  });

  it('warms in the background; a request meanwhile waits for it instead of reading the days again', async () => {
    const store = fakeStore();
    const cache = new FactCache(store);
    cache.warm(NOW, TZ, 30);
    expect(await cache.facts({ fromDay: '2026-11-16', toDay: '2026-11-20' }, NOW, TZ)).toEqual(FACTS.slice(0, 3));
    expect(store.calls).toEqual(daily('2026-10-24', '2026-11-21'));
  });

  it('lets the event loop turn while it fills (the hall is served between two weeks of days)', async () => {
    const store = fakeStore();
    const cache = new FactCache(store);
    let callsWhenTurned: number | undefined;
    setImmediate(() => (callsWhenTurned = store.calls.length));
    await cache.facts({ fromDay: '2026-10-01', toDay: '2026-11-21' }, NOW, TZ);
    expect(store.calls).toHaveLength(52);
    expect(callsWhenTurned).toBe(7);
  });

  it('keeps at most its number of days', async () => {
    const store = fakeStore();
    const cache = new FactCache(store, 3);
    await cache.facts({ fromDay: '2026-11-10', toDay: '2026-11-16' }, NOW, TZ);
    const n = store.calls.length;
    await cache.facts({ fromDay: '2026-11-10', toDay: '2026-11-10' }, NOW, TZ); // evicted: read again
    expect(store.calls.length).toBe(n + 1);
  });
});
