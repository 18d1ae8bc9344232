// The pieces of the city link against a real PostgreSQL: versioned migrations (concurrent starts, a
// newer database refused), the replicator's resume from the city's high-water mark, resends and two
// senders for one site landing once, and two city processes ingesting side by side.
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyDay } from '../../bench/central.js';
import { startPostgres, type PostgresServer } from '../../bench/postgres-server.js';
import { CENTRAL_SCHEMA_VERSION, migrateCentral } from '../../server/central/central-schema.js';
import { readSites } from '../../server/central/city-view.js';
import { CentralIngestor } from '../../server/central/ingestor.js';
import { Replicator } from '../../server/central/replicator.js';
import type { StoredEvent } from '../../server/domain/events.js';
import { GENESIS_HASH } from '../../server/ledger/hash-chain.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

/** A site ledger in memory that can grow, read the way the replicator reads a hub's store. */
function ledger(events: StoredEvent[], visible = events.length) {
  return {
    visible,
    async head() {
      const last = events[this.visible - 1];
      return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
    },
    async readEvents(afterSeq: number, limit: number) {
      return events.slice(afterSeq, Math.min(afterSeq + limit, this.visible));
    },
  };
}

const site = (code: string) => ({ code, name: `${code} 工作站`, timeZone: 'Asia/Shanghai' });
const drain = async (r: Replicator) => {
  let n = 0;
  for (let k = await r.sendOnce(); k > 0; k = await r.sendOnce()) n += k;
  return n;
};

describe('central schema', () => {
  it('migrates once, also when several processes start together, and refuses a newer database', async () => {
    const url = server.createDatabase('schema_test');
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: url, max: 1 }));
    try {
      expect(await Promise.all(pools.map((p) => migrateCentral(p)))).toEqual([CENTRAL_SCHEMA_VERSION, CENTRAL_SCHEMA_VERSION, CENTRAL_SCHEMA_VERSION]);
      const cols = await pools[0]!.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'central_sites' AND column_name = 'received_seq'`);
      expect(cols.rowCount).toBe(1);
      await pools[0]!.query(`UPDATE central_meta SET value = '99' WHERE key = 'schema'`);
      await expect(migrateCentral(pools[1]!)).rejects.toThrow(/schema 99 is newer/);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});

describe('site accounts', () => {
  it('a role bound to a site delivers only as that site and cannot touch the city\'s verdict', async () => {
    const url = server.createDatabase('roles_test');
    const owner = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await migrateCentral(owner);
      // The grants README gives a site: deliver and register, nothing else.
      await owner.query(`
        CREATE ROLE site_a LOGIN;
        GRANT USAGE ON SCHEMA public TO site_a;
        GRANT SELECT ON central_meta, central_site_roles TO site_a;
        GRANT SELECT, INSERT ON central_inbox TO site_a;
        GRANT SELECT, INSERT (site, name, time_zone) ON central_sites TO site_a;
        GRANT UPDATE (name, time_zone, last_contact_at, received_seq) ON central_sites TO site_a;
        INSERT INTO central_site_roles (role, site) VALUES ('site_a', 'RA');`);
      const asSite = url.replace('//yichuang@', '//site_a@');
      const events = busyDay(21, 20);
      const own = new Replicator({ url: asSite, site: site('RA'), store: ledger(events), batchSize: 50, log: () => {} });
      expect(await drain(own)).toBe(events.length);
      await own.stop();
      const other = new Replicator({ url: asSite, site: site('RB'), store: ledger(events), log: () => {} });
      await expect(other.sendOnce()).rejects.toThrow(/row-level security/);
      await other.stop();
      const direct = new pg.Client(asSite);
      await direct.connect();
      try {
        await expect(direct.query(`UPDATE central_sites SET head_seq = 0, refused_seq = NULL WHERE site = 'RA'`)).rejects.toThrow(/permission denied/);
        await expect(direct.query(`SELECT count(*) FROM central_events`)).rejects.toThrow(/permission denied/);
      } finally {
        await direct.end();
      }
      await new CentralIngestor(owner, { log: () => {} }).drain();
      const rows = await readSites(owner, '2026-11-23');
      expect(rows.map((r) => [r.site, r.events])).toEqual([['RA', events.length]]);
    } finally {
      await owner.end();
    }
  });
});

describe('replicator and ingestion', () => {
  let url: string;
  let pool: pg.Pool;
  beforeAll(async () => {
    url = server.createDatabase('link_test');
    pool = new pg.Pool({ connectionString: url, max: 4 });
  });
  afterAll(() => pool?.end());

  it('resumes after a restart from what the city holds, and the ledger grows on', async () => {
    const events = busyDay(11, 60);
    const store = ledger(events, 150);
    const first = new Replicator({ url, site: site('R1'), store, batchSize: 40, log: () => {} });
    expect(await drain(first)).toBe(150);
    await first.stop();
    store.visible = events.length;
    // A new process (the hub restarted): asks the city, sends only the rest.
    const second = new Replicator({ url, site: site('R1'), store, batchSize: 40, log: () => {} });
    expect(await drain(second)).toBe(events.length - 150);
    expect(second.status().acknowledged).toBe(events.length);
    await second.stop();
    const inbox = await pool.query<{ n: number; max: string }>(`SELECT count(*)::int AS n, max(seq) AS max FROM central_inbox WHERE site = 'R1'`);
    expect(inbox.rows[0]).toEqual({ n: events.length, max: String(events.length) });
    await new CentralIngestor(pool, { log: () => {} }).drain();
    const row = (await readSites(pool, '2026-11-23')).find((s) => s.site === 'R1')!;
    expect([row.events, row.pending, row.refusal]).toEqual([events.length, 0, null]);
    expect(row.day.issued).toBe(60);
  });

  it('two senders for one site (two hubs on one ledger) and two city processes: every event once', async () => {
    const events = busyDay(12, 120);
    const senders = [0, 1].map(() => new Replicator({ url, site: site('R2'), store: ledger(events), batchSize: 25, log: () => {} }));
    const ingestors = [0, 1].map(() => new CentralIngestor(pool, { batchSize: 30, log: () => {} }));
    let sending = true;
    const ingesting = Promise.all(ingestors.map(async (ing) => {
      while (sending) await ing.drain();
      await ing.drain();
    }));
    await Promise.all(senders.map(drain));
    sending = false;
    await ingesting;
    for (const s of senders) await s.stop();
    const stored = await pool.query<{ n: number; max: string }>(`SELECT count(*)::int AS n, max(seq) AS max FROM central_events WHERE site = 'R2'`);
    expect(stored.rows[0]).toEqual({ n: events.length, max: String(events.length) });
    const head = await pool.query(`SELECT head_hash, refused_seq FROM central_sites WHERE site = 'R2'`);
    expect(head.rows[0]).toEqual({ head_hash: events[events.length - 1]!.hash, refused_seq: null });
    const row = (await readSites(pool, '2026-11-23')).find((s) => s.site === 'R2')!;
    expect(row.day.issued).toBe(120);
    // Accepted events are the city's record: append-only.
    await expect(pool.query(`UPDATE central_events SET type = 'x' WHERE site = 'R2' AND seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('a site that cannot reach the city reports it and keeps its place', async () => {
    const dead = url.replace(/:\d+\//, ':1/');
    const store = ledger(busyDay(13, 5));
    const r = new Replicator({ url: dead, site: site('R3'), store, retryMs: { min: 50, max: 100 }, log: () => {} });
    r.start();
    await new Promise((ok) => setTimeout(ok, 400));
    expect(r.status()).toMatchObject({ state: 'offline', lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
    await r.stop();
    expect(r.status().state).toBe('stopped');
  });

  it('backs off while the city is away, however busy the hall is', async () => {
    let attempts = 0;
    const refuser = createServer((socket) => {
      attempts++;
      socket.destroy();
    });
    await new Promise<void>((ok) => refuser.listen(0, '127.0.0.1', () => ok()));
    const port = (refuser.address() as { port: number }).port;
    const r = new Replicator({ url: `postgres://x@127.0.0.1:${port}/city`, site: site('R4'), store: ledger(busyDay(14, 5)), retryMs: { min: 200, max: 400 }, log: () => {} });
    r.start();
    const commits = setInterval(() => r.wake(), 10); // a commit every 10 ms
    await new Promise((ok) => setTimeout(ok, 1500));
    clearInterval(commits);
    await r.stop();
    await new Promise<void>((ok) => refuser.close(() => ok()));
    expect(r.status().lastError).not.toBeNull();
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(12); // ~1500 ms / 100–400 ms pauses, not one per commit
  });
});
