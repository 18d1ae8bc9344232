// Two hubs on one PostgreSQL ledger run one center: a configuration change made through hub A — a notice,
// a kiosk key, a window's screen key, a service name — is in force on hub B too (its screens and kiosks
// refreshed, its saved copy updated), keys never in the ledger's events; and at start the ledger's
// configuration wins unless the hub's own file was edited, so hubs do not flip-flop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CenterConfigInput } from '../../server/config/schema.js';
import { ManualClock, TestHub, once, testConfig } from '../support/hub-harness.js';
import { databaseFor, sharedLedgerDataDir } from '../support/test-store.js';

const KIOSK_OLD = 'kiosk-key-old-1111';
const KIOSK_NEW = 'kiosk-key-new-2222';
const SCREEN_OLD = 'screen-key-old-2222';
const SCREEN_NEW = 'screen-key-new-3333';

/** Both hubs start from the same file: the demo center with keys on kiosk K1 and window 2. */
const fileConfig = (notices?: string[]): CenterConfigInput => {
  const base = testConfig();
  return {
    ...base,
    kiosks: [{ id: 'K1', name: '大厅取号机', key: KIOSK_OLD }],
    windows: base.windows!.map((w) => (w.id === '2' ? { ...w, screenKey: SCREEN_OLD } : w)),
    ...(notices && { notices }),
  };
};

const clock = new ManualClock();
const dirs: string[] = [];
let a: TestHub;
let b: TestHub;
let dbUrl = '';

/** A data folder on the shared database with the center's shared secret (as YICHUANG_SECRET gives every hub). */
function dataDir(): string {
  const dir = dirs.length === 0 ? mkdtempSync(join(tmpdir(), 'yichuang-config-sync-')) : sharedLedgerDataDir(dirs[0]!, 'yichuang-config-sync-');
  dirs.push(dir);
  return dir;
}

async function ledgerQuery<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client(dbUrl);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const configEvents = async () => Number((await ledgerQuery<{ n: string }>(`SELECT count(*) AS n FROM events WHERE type = 'config.changed'`))[0]!.n);
const settingsOf = async (hub: TestHub) => (await hub.api('GET', '/api/v1/screens/settings')).body.notices as string[];
const issueAt = (hub: TestHub, key: string) => hub.api('POST', '/api/v1/tickets', { body: { serviceId: 'consult', kioskId: 'K1' }, headers: { 'x-kiosk-key': key } });

/** Whether a window-2 screen may connect to the hub with this key. */
async function screenAccepted(hub: TestHub, key: string): Promise<boolean> {
  const s = hub.socket('/display', { room: 'window:2' }, { screenKey: key });
  try {
    return await new Promise<boolean>((ok) => {
      s.once('snapshot', () => ok(true));
      s.once('connect_error', () => ok(false));
    });
  } finally {
    s.disconnect();
  }
}

beforeAll(async () => {
  const first = dataDir();
  dbUrl = await databaseFor(first, inject('pgUrl')!);
  a = await new TestHub(first, fileConfig(), clock).start();
  b = await new TestHub(dataDir(), fileConfig(), clock).start();
});

afterAll(async () => {
  for (const h of [a, b]) await h?.stop().catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a configuration change through one hub is in force on the other', () => {
  it('a notice changed through A: a hall screen on B is refreshed and B serves the new notice', async () => {
    const hall = b.socket('/display', { room: 'hall' });
    await once(hall, 'snapshot');
    const told = once(hall, 'settings', 5000);
    const fresh = once(hall, 'snapshot', 5000);
    const r = await a.api('PUT', '/api/v1/config/sections/notices', { as: 'admin', body: ['多机公告：今天下午律师值班'] });
    expect(r.status).toBe(200);
    await told;
    await fresh;
    expect(await settingsOf(b)).toEqual(['多机公告：今天下午律师值班']);
    expect(b.hub.config.notices).toEqual(['多机公告：今天下午律师值班']);
  });

  it('a kiosk key, a screen key and a service name changed through A: B refuses the old keys, takes the new ones, its kiosks get the new tiles', async () => {
    const kiosk = b.socket('/kiosk', { kiosk: 'K1' }, { kioskKey: KIOSK_OLD });
    await once(kiosk, 'services');
    expect((await issueAt(b, KIOSK_OLD)).status).toBe(201);
    expect(await screenAccepted(b, SCREEN_OLD)).toBe(true);

    expect((await a.api('PUT', '/api/v1/config/kiosks/K1', { as: 'admin', body: { name: '大厅取号机', key: KIOSK_NEW } })).status).toBe(200);
    const w2 = { ...a.hub.config.windows.find((w) => w.id === '2')!, screenKey: SCREEN_NEW } as Record<string, unknown>;
    delete w2.id;
    expect((await a.api('PUT', '/api/v1/config/windows/2', { as: 'admin', body: w2 })).status).toBe(200);
    // Earlier changes refresh the tiles too: wait for the tiles that name the renamed service.
    const tiles = new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no tiles with the new name within 5 s')), 5000);
      kiosk.on('services', (list: { id: string; name: string }[]) => {
        const name = list.find((s) => s.id === 'notary')!.name;
        if (name !== '公证') {
          clearTimeout(timer);
          ok(name);
        }
      });
    });
    const notary = { ...a.hub.config.services.find((s) => s.id === 'notary')!, name: '公证（多机）' } as Record<string, unknown>;
    delete notary.id;
    expect((await a.api('PUT', '/api/v1/config/services/notary', { as: 'admin', body: notary })).status).toBe(200);
    expect(await tiles).toBe('公证（多机）');

    await expect.poll(async () => (await issueAt(b, KIOSK_OLD)).status, { timeout: 5000 }).toBe(403);
    expect((await issueAt(b, KIOSK_NEW)).status).toBe(201);
    await expect.poll(() => screenAccepted(b, SCREEN_OLD), { timeout: 5000 }).toBe(false);
    expect(await screenAccepted(b, SCREEN_NEW)).toBe(true);
  });

  it('keeps the keys out of the ledger: events carry a sealed reference, and the sealed copy does not show them', async () => {
    const events = await ledgerQuery<{ data: string }>(`SELECT data FROM events WHERE type = 'config.changed'`);
    expect(events.length).toBeGreaterThanOrEqual(4);
    for (const e of events) {
      expect(e.data).not.toContain(KIOSK_NEW);
      expect(e.data).not.toContain(SCREEN_NEW);
      expect(JSON.parse(e.data).sealedRef).toMatch(/^[0-9a-f-]{36}$/);
    }
    const sealed = await ledgerQuery<{ sealed: Buffer }>('SELECT sealed FROM sealed_configs');
    expect(sealed.length).toBeGreaterThan(0);
    for (const s of sealed) expect(s.sealed.includes(Buffer.from(KIOSK_NEW)) || s.sealed.includes(Buffer.from('多机公告'))).toBe(false);
  });

  it('B saved the change: restarted with its unchanged file it keeps it, and records nothing', async () => {
    const copy = readFileSync(join(b.dataDir, 'center-config.json'), 'utf8');
    expect(copy).toContain('多机公告');
    expect(copy).toContain(KIOSK_NEW);
    const before = await configEvents();
    await b.stop();
    b = await new TestHub(b.dataDir, fileConfig(), clock).start();
    expect(b.hub.config.notices).toEqual(['多机公告：今天下午律师值班']);
    expect(b.hub.config.kiosks[0]!.key).toBe(KIOSK_NEW);
    expect(b.hub.state.windowDefs.get('2')!.screenKey).toBe(SCREEN_NEW);
    expect(await configEvents()).toBe(before);
  });

  it('a hub joining with a fresh data folder and the original file takes the ledger\'s configuration, without recording its file', async () => {
    const before = await configEvents();
    const c = await new TestHub(dataDir(), fileConfig(), clock).start();
    try {
      expect(c.hub.config.notices).toEqual(['多机公告：今天下午律师值班']);
      expect((await issueAt(c, KIOSK_NEW)).status).toBe(201);
      expect(c.hub.state.services.get('notary')!.name).toBe('公证（多机）');
      expect(await configEvents()).toBe(before);
    } finally {
      await c.stop();
    }
  });

  it('an edited file wins at its hub\'s next start, is recorded once, and the other hub takes it; later starts record nothing', async () => {
    const before = await configEvents();
    // The technician edits B's file (notices) while B is down; the admin's kiosk key stays in B's copy only.
    await b.stop();
    const edited = fileConfig(['文件里的新公告']);
    b = await new TestHub(b.dataDir, edited, clock).start();
    expect(b.hub.config.notices).toEqual(['文件里的新公告']);
    expect(await configEvents()).toBe(before + 1);
    await expect.poll(() => settingsOf(a), { timeout: 5000 }).toEqual(['文件里的新公告']);
    // The file's own keys came with it (the file is the technician's word).
    await expect.poll(async () => (await issueAt(a, KIOSK_OLD)).status, { timeout: 5000 }).toBe(201);
    // Restarts with unchanged files: nobody records anything, and both keep the recorded configuration.
    for (const [hub, config] of [[a, fileConfig()], [b, edited]] as const) {
      await hub.stop();
      const again = await new TestHub(hub.dataDir, config, clock).start();
      if (hub === a) a = again;
      else b = again;
    }
    expect(await configEvents()).toBe(before + 1);
    expect(await settingsOf(a)).toEqual(['文件里的新公告']);
    expect(await settingsOf(b)).toEqual(['文件里的新公告']);
  });
});
