// Upkeep of the city database against a real PostgreSQL: old per-visit documents are pruned daily while
// the day totals stay; a refused site's deliveries are not stored (answered with a clear refusal); and an
// operator's reset while the site is still sending cannot make the city skip the events after the break.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyDay, chainEvents, memoryStore } from '../../bench/central.js';
import { startPostgres, type PostgresServer } from '../../bench/postgres-server.js';
import { migrateCentral } from '../../server/central/central-schema.js';
import { readSites, resetRefusal } from '../../server/central/city-view.js';
import { CentralIngestor } from '../../server/central/ingestor.js';
import { CityRefusal, Replicator } from '../../server/central/replicator.js';
import { VisitRetention } from '../../server/central/visit-retention.js';
import type { StoredEvent } from '../../server/domain/events.js';

let server: PostgresServer;
let pool: pg.Pool;
let cityUrl = '';
const quiet = () => undefined;

beforeAll(async () => {
  server = await startPostgres();
  cityUrl = server.createDatabase('upkeep_test');
  pool = new pg.Pool({ connectionString: cityUrl, max: 4 });
  await migrateCentral(pool);
});
afterAll(async () => {
  await pool?.end();
  server?.stop();
});

/** Days of one site's ledger as one hash chain. */
const chained = (...days: StoredEvent[][]): StoredEvent[] => chainEvents(days.flat());

/** A site ledger read the way the replicator reads a hub's store; `tampered` serves one event altered. */
function ledger(events: StoredEvent[]) {
  const store = memoryStore(events);
  return {
    tampered: undefined as number | undefined,
    head: store.head,
    async readEvents(afterSeq: number, limit: number) {
      return (await store.readEvents(afterSeq, limit)).map((e) => (e.seq === this.tampered ? { ...e, data: { ...e.data, number: 'X999' } } as StoredEvent : e));
    },
  };
}

const site = (code: string) => ({ code, name: `${code} 工作站`, timeZone: 'Asia/Shanghai' });
async function sendAll(r: Replicator): Promise<number> {
  let n = 0;
  for (let k = await r.sendOnce(); k > 0; k = await r.sendOnce()) n += k;
  return n;
}
const count = async (sql: string, params: unknown[]) => Number((await pool.query<{ n: string }>(sql, params)).rows[0]!.n);
const docsOn = (table: string, code: string, day: string) => count(`SELECT count(*) AS n FROM ${table} WHERE site = $1 AND day = $2`, [code, day]);
const dayFigures = async (day: string, code: string) => (await readSites(pool, day)).find((s) => s.site === code)!;

describe('visit documents at the city', () => {
  const OLD = '2025-01-10';
  const KEPT = '2026-03-02';
  const TODAY = '2026-11-23';

  it('are pruned daily after the configured days before the site\'s newest event; day totals and the events stay', async () => {
    const events = chained(busyDay(31, 40, OLD), busyDay(32, 40, KEPT), busyDay(33, 40, TODAY));
    const store = ledger(events);
    const sender = new Replicator({ url: cityUrl, site: site('KEEP'), store, batchSize: 200, log: quiet });
    expect(await sendAll(sender)).toBe(events.length);
    await new CentralIngestor(pool, { log: quiet }).drain();
    const before = { old: await dayFigures(OLD, 'KEEP'), kept: await docsOn('central_tickets', 'KEEP', KEPT), oldFollowUps: await docsOn('central_follow_ups', 'KEEP', OLD) };
    expect(before.old.day.issued).toBe(40);
    expect(before.kept).toBe(40);
    expect(before.oldFollowUps).toBeGreaterThan(0);

    const lines: string[] = [];
    let now = Date.parse(`${TODAY}T18:00:00+08:00`);
    const retention = new VisitRetention(pool, { visitDays: 400, timeZone: 'Asia/Shanghai', now: () => now, log: (l) => lines.push(l) });
    expect(await retention.runDue()).toEqual({ sites: 1, tickets: 40, followUps: before.oldFollowUps });
    expect(await retention.runDue()).toBeNull(); // once a day
    expect(lines.join('\n')).toMatch(/removed 40 visit and \d+ follow-up documents older than 400 days/);
    expect(await docsOn('central_tickets', 'KEEP', OLD)).toBe(0);
    expect(await docsOn('central_follow_ups', 'KEEP', OLD)).toBe(0);
    expect(await docsOn('central_tickets', 'KEEP', KEPT)).toBe(40);
    expect(await docsOn('central_tickets', 'KEEP', TODAY)).toBe(40);
    // The totals of the pruned day are what they were; the city's copy of the ledger is untouched.
    expect((await dayFigures(OLD, 'KEEP')).day).toEqual(before.old.day);
    expect(await count('SELECT count(*) AS n FROM central_events WHERE site = $1', ['KEEP'])).toBe(events.length);

    // The next day's prune runs again (nothing more is due); the site goes on and its new events fold.
    now += 86_400_000;
    expect(await retention.runDue()).toEqual({ sites: 0, tickets: 0, followUps: 0 });
    const more = chained(busyDay(31, 40, OLD), busyDay(32, 40, KEPT), busyDay(33, 40, TODAY), busyDay(34, 10, '2026-11-24'));
    const next = new Replicator({ url: cityUrl, site: site('KEEP'), store: ledger(more), log: quiet });
    expect(await sendAll(next)).toBe(more.length - events.length);
    await new CentralIngestor(pool, { log: quiet }).drain();
    const after = await dayFigures('2026-11-24', 'KEEP');
    expect([after.refusal, after.events, after.day.issued]).toEqual([null, more.length, 10]);
    await sender.stop();
    await next.stop();
  });

  it('are kept at least 90 days (longer than any follow-up)', () => {
    expect(() => new VisitRetention(pool, { visitDays: 30, timeZone: 'Asia/Shanghai' })).toThrow(/at least 90 days/);
  });
});

describe('a refused site', () => {
  const events = busyDay(41, 60);
  const store = ledger(events);
  let sender: Replicator;
  const inboxMax = async () => count(`SELECT coalesce(max(seq), 0) AS n FROM central_inbox WHERE site = 'BROKEN'`, []);

  it('gets a clear refusal for what it sends after the break, and the city stores none of it', async () => {
    store.tampered = 10;
    sender = new Replicator({ url: cityUrl, site: site('BROKEN'), store, batchSize: 20, heartbeatMs: 3_600_000, log: quiet });
    expect(await sender.sendOnce()).toBe(20);
    await new CentralIngestor(pool, { log: quiet }).drain();
    expect((await dayFigures('2026-11-23', 'BROKEN')).refusal).toMatchObject({ seq: 10 });
    // Keeps sending: refused, nothing stored, the reason named in both languages.
    for (let k = 0; k < 3; k++) {
      const err = await sender.sendOnce().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CityRefusal);
      expect((err as CityRefusal).message).toMatch(/拒收站点 BROKEN[\s\S]*refused site BROKEN from event 10/);
    }
    expect(await inboxMax()).toBe(20);
  });

  it('an operator\'s reset while the site is still sending from beyond the break: the site resends from the break, nothing is skipped', async () => {
    store.tampered = undefined; // the site's ledger was fine; a bad line altered the event
    expect(await resetRefusal(pool, 'BROKEN')).toBe(true);
    // The sender still stands at event 20 and delivers 21–40 first: the city keeps its mark at the break.
    expect(await sender.sendOnce()).toBe(20);
    expect(sender.status().acknowledged).toBe(9);
    expect(await sendAll(sender)).toBe(events.length - 9);
    await new CentralIngestor(pool, { log: quiet }).drain();
    const row = await dayFigures('2026-11-23', 'BROKEN');
    expect([row.refusal, row.events, row.pending]).toEqual([null, events.length, 0]);
    expect(row.day.issued).toBe(60);
    await sender.stop();
  });
});
