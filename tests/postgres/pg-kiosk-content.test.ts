// Two hubs on one PostgreSQL ledger, each with its own data folder: kiosk content edited through one
// hub is served by the other (its content had been read before the edit, so the cache follows the
// absorbed event, not a fresh read), both ways, and the other hub's audit trail lists the edit; a
// point added to the service network (configuration) through one hub is listed by the other's kiosks.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, startTestHub, testConfig, TestHub } from '../support/hub-harness.js';
import { sharedLedgerDataDir } from '../support/test-store.js';

let a: TestHub & { cleanup(): Promise<void> };
let b: TestHub;
let dirB = '';

beforeAll(async () => {
  a = await startTestHub();
  // The second hub: a data folder of its own (its own content files), the first hub's database.
  dirB = sharedLedgerDataDir(a.dataDir);
  b = await new TestHub(dirB, testConfig(), new ManualClock()).start();
});

afterAll(async () => {
  await b?.stop().catch(() => undefined);
  rmSync(dirB, { recursive: true, force: true });
  await a?.cleanup();
});

it('runs on PostgreSQL with two hubs', async () => {
  expect(a.hub.store.kind).toBe('postgres');
  expect(b.hub.dataDir).not.toBe(a.hub.dataDir);
});

it('a Q&A item added through hub A is served by hub B, and B\'s audit trail lists it', async () => {
  const before = (await b.api('GET', '/api/v1/kiosk/qa')).body;
  expect(before.items.some((i: { id: string }) => i.id === 'rent-deposit')).toBe(false);
  const qa = (await a.api('GET', '/api/v1/kiosk/qa')).body;
  const item = { id: 'rent-deposit', category: 'loans', question: '房东不退押金怎么办？', questionEn: 'My landlord keeps the deposit. What can I do?', answer: '保留租赁合同和付款记录，可申请人民调解或向法院起诉。', answerEn: 'Keep the lease and the payment records; ask for mediation or sue.' };
  const r = await a.api('PUT', '/api/v1/kiosk/qa', { as: 'admin', body: { ...qa, items: [...qa.items, item] } });
  expect(r.status).toBe(200);
  await expect.poll(async () => (await b.api('GET', '/api/v1/kiosk/qa')).body.items.at(-1).id, { timeout: 5000 }).toBe('rent-deposit');
  const overview = (await b.api('GET', '/api/v1/kiosk/content', { as: 'admin' })).body;
  expect(overview.qa).toMatchObject({ contentHash: r.body.contentHash, changedBy: '系统管理员' });
  const audit = (await b.api('GET', '/api/v1/audit/changes', { as: 'admin' })).body;
  expect(audit.find((c: { type: string }) => c.type === 'kiosk-content.changed')).toMatchObject({ kind: 'qa', changes: [{ section: 'qa', id: 'rent-deposit', action: 'added' }] });
});

it('the other way: commitments edited through hub B are served by hub A; B accepts A\'s hash as If-Match', async () => {
  const onA = (await a.api('GET', '/api/v1/kiosk/commitments')).body;
  const hash = (await a.api('GET', '/api/v1/kiosk/content', { as: 'admin' })).body.commitments.contentHash;
  const next = [{ ...onA[0], body: `${onA[0].body}（周末可预约。）` }, ...onA.slice(1)];
  const r = await b.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: next, headers: { 'if-match': hash } });
  expect(r.status).toBe(200);
  await expect.poll(async () => (await a.api('GET', '/api/v1/kiosk/commitments')).body[0].body, { timeout: 5000 }).toContain('周末可预约');
  // A stale edit through A, made with the hash it had before B's edit, is refused.
  const stale = await a.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: onA, headers: { 'if-match': hash } });
  expect(stale.status).toBe(409);
  expect((await a.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body).toMatchObject({ ok: true });
});

it('a network point added through hub B (configuration) is listed by hub A', async () => {
  const point = { level: 'room', name: '河东村公共法律服务工作室', area: '白水镇', address: '河东村村委会', phone: '0000-62010', hours: '每周一 9:00–12:00' };
  const r = await b.api('PUT', '/api/v1/config/network/baishui-hedong', { as: 'admin', body: point });
  expect(r.status).toBe(200);
  await expect.poll(async () => (await a.api('GET', '/api/v1/kiosk/network')).body.points.map((p: { id: string }) => p.id), { timeout: 5000 }).toContain('baishui-hedong');
});
