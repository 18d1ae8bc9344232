// The PostgreSQL store's own guarantees: versioned migrations, append-only events, tamper evidence.
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PgStore } from '../../server/ledger/pg-store.js';
import { MIGRATIONS } from '../../server/ledger/pg-migrations.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { databaseFor } from '../support/test-store.js';

let t: (TestHub & { cleanup(): Promise<void> }) | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

async function withDb<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL ledger', () => {
  it('runs on PostgreSQL and applies each migration once, across restarts', async () => {
    t = await startTestHub();
    expect((await t.api('GET', '/api/v1/health')).body.ledger).toBe('postgres');
    await t.issue('consult');
    await t.restart();
    const url = await databaseFor(t.dataDir, inject('pgUrl')!);
    const versions = await withDb(url, async (c) => (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version));
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await t.issue('consult')).body.number).toBe('B002');
  });

  it('refuses to open a database whose schema is newer than the hub', async () => {
    t = await startTestHub();
    const url = await databaseFor(t.dataDir, inject('pgUrl')!);
    await t.stop();
    await withDb(url, (c) => c.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')`));
    await expect(PgStore.open(url)).rejects.toThrow(/schema 999 is newer/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events', async () => {
    t = await startTestHub();
    await t.issue('consult');
    const url = await databaseFor(t.dataDir, inject('pgUrl')!);
    await withDb(url, async (c) => {
      await expect(c.query(`UPDATE events SET type = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(c.query('DELETE FROM events WHERE seq = 1')).rejects.toThrow(/append-only/);
      await expect(c.query('TRUNCATE events')).rejects.toThrow(/append-only/);
    });
  });

  it('altering one byte of a stored event makes verify report that event', async () => {
    t = await startTestHub();
    for (let i = 0; i < 5; i++) await t.issue('consult');
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
    const target = (await t.hub.store.readEvents(0, 1000)).find((e) => e.type === 'ticket.issued' && (e.data as { number: string }).number === 'B003')!;
    const url = await databaseFor(t.dataDir, inject('pgUrl')!);
    // As an attacker with database rights would: switch the guard off, change one character.
    await withDb(url, async (c) => {
      await c.query('ALTER TABLE events DISABLE TRIGGER events_no_change');
      await c.query(`UPDATE events SET data = replace(data, 'B003', 'B00X') WHERE seq = $1`, [target.seq]);
    });
    const r = await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' });
    expect(r.body).toMatchObject({ ok: false, firstBadEvent: target.seq });
  });
});
