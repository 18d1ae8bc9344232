// Two admins saving through two hubs on one PostgreSQL ledger at the same instant, both with the hash
// they loaded (If-Match): exactly one edit holds, the other is a 409, and both hubs end with the
// winner's edit. Each hub checks If-Match against what it has seen; the race is made certain by holding
// each hub's ledger commit until both edits have passed that check, so only the domain's check of the
// edit's base, under the ledger's write lock, can tell them apart.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startTestHub, testConfig, TestHub, type ApiReply } from '../support/hub-harness.js';
import { sharedLedgerDataDir } from '../support/test-store.js';

const ROUNDS = 10;

let a: TestHub & { cleanup(): Promise<void> };
let b: TestHub;
let dirB = '';

beforeAll(async () => {
  a = await startTestHub();
  dirB = sharedLedgerDataDir(a.dataDir);
  b = await new TestHub(dirB, testConfig(), new ManualClock()).start();
});

afterAll(async () => {
  await b?.stop().catch(() => undefined);
  rmSync(dirB, { recursive: true, force: true });
  await a?.cleanup();
});

/**
 * Holds each hub's next ledger commit until every hub has reached its own (so every edit has passed the
 * hub's own checks), then lets them go to the store's write lock together. One-shot per hub; the
 * timeout only keeps a broken run from hanging.
 */
function holdNextCommits(hubs: TestHub[]): void {
  let arrived = 0;
  let release!: () => void;
  const together = new Promise<void>((ok) => (release = ok));
  for (const t of hubs) {
    const store = t.hub.store;
    const commit = store.commit;
    store.commit = async (...args) => {
      store.commit = commit;
      if (++arrived === hubs.length) release();
      await Promise.race([together, new Promise((ok) => setTimeout(ok, 5000))]);
      return commit.apply(store, args);
    };
  }
}

/** Fires both edits at once (commits held together); returns [A's reply, B's reply]. */
async function race(edit: (hub: TestHub, i: number) => Promise<ApiReply>): Promise<ApiReply[]> {
  holdNextCommits([a, b]);
  return Promise.all([edit(a, 0), edit(b, 1)]);
}

function oneWins(replies: ApiReply[], code: string): number {
  expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
  const loser = replies.find((r) => r.status === 409)!;
  expect(loser.body.error).toMatchObject({ code });
  expect(loser.body.error.message).toMatch(/已被他人修改.*reload and save again/);
  return replies.findIndex((r) => r.status === 200);
}

it('runs two hubs on PostgreSQL', () => {
  expect(a.hub.store.kind).toBe('postgres');
  expect(b.hub.store.kind).toBe('postgres');
});

describe('two admins save the configuration through two hubs at once', () => {
  const hashOf = async (hub: TestHub) => (await hub.api('GET', '/api/v1/config', { as: 'admin' })).body as { config: { notices: string[] }; configHash: string };

  it(`with If-Match: exactly one holds each round (${ROUNDS} rounds), and both hubs end with the winner's notices`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Both editors loaded the same configuration (on either hub).
      await expect.poll(async () => (await hashOf(b)).configHash, { timeout: 5000 }).toBe((await hashOf(a)).configHash);
      const loaded = (await hashOf(a)).configHash;
      const notices = [`第 ${round} 轮：甲的公告`, `第 ${round} 轮：乙的公告`];
      const replies = await race((hub, i) => hub.api('PUT', '/api/v1/config/sections/notices', { as: 'admin', body: [notices[i]], headers: { 'if-match': `"${loaded}"` } }));
      const winner = oneWins(replies, 'config-changed');
      for (const hub of [a, b]) {
        await expect.poll(async () => (await hashOf(hub)).config.notices, { timeout: 5000 }).toEqual([notices[winner]]);
      }
      expect((await hashOf(a)).configHash).toBe(replies[winner]!.body.configHash);
    }
  });

  it('without If-Match: edits of two sections made at once both hold (the later is made again on the newer configuration)', async () => {
    const point = { level: 'room', name: '河西村公共法律服务工作室', area: '白水镇', address: '河西村村委会', phone: '0000-62011', hours: '每周二 9:00–12:00' };
    const replies = await race((hub, i) => (i === 0
      ? hub.api('PUT', '/api/v1/config/sections/notices', { as: 'admin', body: ['不带 If-Match 的公告'] })
      : hub.api('PUT', '/api/v1/config/network/baishui-hexi', { as: 'admin', body: point })));
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    for (const hub of [a, b]) {
      await expect.poll(async () => {
        const { config } = await hashOf(hub);
        return { notices: config.notices, network: (config as unknown as { network: { id: string }[] }).network.map((p) => p.id) };
      }, { timeout: 5000 }).toEqual({ notices: ['不带 If-Match 的公告'], network: expect.arrayContaining(['baishui-hexi']) });
    }
  });
});

describe('two admins save kiosk content through two hubs at once', () => {
  const commitments = async (hub: TestHub) => (await hub.api('GET', '/api/v1/kiosk/commitments')).body as { body: string }[];
  const hashOf = async (hub: TestHub) => (await hub.api('GET', '/api/v1/kiosk/content', { as: 'admin' })).body.commitments.contentHash as string;

  it(`with If-Match: exactly one holds each round (${ROUNDS} rounds; the first on the file's content), and both hubs serve the winner's`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await expect.poll(() => hashOf(b), { timeout: 5000 }).toBe(await hashOf(a));
      const loaded = await hashOf(a);
      const base = await commitments(a);
      const edits = ['甲', '乙'].map((who) => [{ ...base[0]!, body: `第 ${round} 轮：${who}的承诺` }, ...base.slice(1)]);
      const replies = await race((hub, i) => hub.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: edits[i], headers: { 'if-match': loaded } }));
      const winner = oneWins(replies, 'content-changed');
      for (const hub of [a, b]) {
        await expect.poll(async () => (await commitments(hub))[0]!.body, { timeout: 5000 }).toBe(edits[winner]![0]!.body);
      }
      expect(await hashOf(b)).toBe(replies[winner]!.body.contentHash);
    }
    expect((await a.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body).toMatchObject({ ok: true });
  });
});
