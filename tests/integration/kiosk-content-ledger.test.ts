// Kiosk content edits are administrative changes like the configuration: each one a
// `kiosk-content.changed` ledger event (kind, the whole document, its hash, who), listed by the audit
// trail, served at once, guarded by If-Match, refused (400 naming the field, 403 for others) without a
// trace, and still in force after a restart whatever the data folder's file says. The service network
// is configuration: its points are edited through the configuration routes and audited as such.
// Runs on SQLite and, in the integration-pg project, on PostgreSQL.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoredEvent } from '../../server/domain/events.js';
import { canonicalJson } from '../../server/ledger/canonical-json.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
beforeAll(async () => {
  t = await startTestHub();
  await t.addStaff('li.director', 'director');
  await t.addStaff('wang.staff', 'staff');
});
afterAll(() => t.cleanup());

async function contentEvents(): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await t.hub.store.readEvents(after, 1000);
    all.push(...page);
    if (page.length < 1000) break;
    after = page.at(-1)!.seq;
  }
  return all.filter((e) => e.type === 'kiosk-content.changed');
}

const adminId = async () => (await t.api('GET', '/api/v1/auth/me', { as: 'admin' })).body.staffId as string;

it('an edit of the Q&A is one ledger event with kind, content, hash and who; served at once and listed by the audit trail', async () => {
  const overview = await t.api('GET', '/api/v1/kiosk/content', { as: 'admin' });
  expect(overview.status).toBe(200);
  expect(overview.body.qa).toMatchObject({ changedAt: null, changedBy: null });
  const qa = overview.body.qa.content;
  const next = {
    ...qa,
    items: [
      { ...qa.items[0], answer: `${qa.items[0].answer}（本中心每周二设劳动维权专窗。）` },
      ...qa.items.slice(1),
      { id: 'pension', category: 'labour', question: '单位不给交社保怎么办？', questionEn: 'My employer pays no social insurance. What can I do?', answer: '可以向社会保险费征收机构投诉。', answerEn: 'Complain to the social insurance collection office.' },
    ],
  };
  const r = await t.api('PUT', '/api/v1/kiosk/qa', { as: 'admin', body: next, headers: { 'if-match': overview.body.qa.contentHash } });
  expect(r.status).toBe(200);
  expect(r.body.changes).toEqual([
    { section: 'qa', id: qa.items[0].id, action: 'updated', fields: ['answer'] },
    { section: 'qa', id: 'pension', action: 'added' },
  ]);
  const hash = createHash('sha256').update(canonicalJson(next)).digest('hex');
  expect(r.body.contentHash).toBe(hash);

  const events = await contentEvents();
  expect(events).toHaveLength(1);
  expect(events[0]!.data).toMatchObject({ kind: 'qa', by: await adminId(), contentHash: hash, changes: r.body.changes });
  expect((events[0]!.data as { content: unknown }).content).toEqual(next);

  expect((await t.api('GET', '/api/v1/kiosk/qa')).body).toEqual(next);
  const after = await t.api('GET', '/api/v1/kiosk/content', { as: 'li.director' });
  expect(after.body.qa).toMatchObject({ contentHash: hash, changedBy: '系统管理员' });

  for (const who of ['admin', 'li.director']) {
    const audit = await t.api('GET', '/api/v1/audit/changes', { as: who });
    expect(audit.status).toBe(200);
    const row = audit.body.find((c: { type: string }) => c.type === 'kiosk-content.changed');
    expect(row).toMatchObject({ seq: events[0]!.seq, kind: 'qa', by: '系统管理员', byId: await adminId(), changes: r.body.changes });
  }
});

it('bad content is a 400 naming the field; staff and director get 403; nothing is recorded', async () => {
  const before = await contentEvents();
  const guides = (await t.api('GET', '/api/v1/kiosk/guides')).body;
  const missingEn = await t.api('PUT', '/api/v1/kiosk/guides', { as: 'admin', body: [{ ...guides[0], feesEn: ' ' }, ...guides.slice(1)] });
  expect(missingEn.status).toBe(400);
  expect(missingEn.body.error.field).toBe('[0].feesEn');
  const commitments = (await t.api('GET', '/api/v1/kiosk/commitments')).body;
  const badId = await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: [...commitments, { ...commitments[0], id: 'Not A Slug' }] });
  expect(badId.status).toBe(400);
  expect(badId.body.error.field).toBe(`[${commitments.length}].id`);
  const edited = [{ ...commitments[0], title: '首问负责制' }, ...commitments.slice(1)];
  expect((await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'wang.staff', body: edited })).status).toBe(403);
  expect((await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'li.director', body: edited })).status).toBe(403);
  expect((await t.api('PUT', '/api/v1/kiosk/commitments', { body: edited })).status).toBe(401);
  expect((await t.api('GET', '/api/v1/kiosk/content', { as: 'wang.staff' })).status).toBe(403);
  expect(await contentEvents()).toEqual(before);
  expect((await t.api('GET', '/api/v1/kiosk/commitments')).body).toEqual(commitments);
});

it('If-Match: a stale hash is a 409 and changes nothing; saving the same content again records nothing', async () => {
  const overview = (await t.api('GET', '/api/v1/kiosk/content', { as: 'admin' })).body;
  const commitments = overview.commitments.content;
  const first = [...commitments].reverse();
  const moved = await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: first, headers: { 'if-match': overview.commitments.contentHash } });
  expect(moved.status).toBe(200);
  expect(moved.body.changes).toEqual([{ section: 'commitments', action: 'updated', fields: ['order'] }]);
  const count = (await contentEvents()).length;
  const stale = await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: commitments, headers: { 'if-match': overview.commitments.contentHash } });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('content-changed');
  expect((await t.api('GET', '/api/v1/kiosk/commitments')).body).toEqual(first);
  const same = await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: first, headers: { 'if-match': moved.body.contentHash } });
  expect(same.status).toBe(200);
  expect(same.body.changes).toEqual([]);
  expect(await contentEvents()).toHaveLength(count);
});

it('a guide removed and another edited: the audit lines name the service and the fields', async () => {
  const guides = (await t.api('GET', '/api/v1/kiosk/guides')).body as { serviceId: string; timeLimit: string }[];
  const next = guides.filter((g) => g.serviceId !== 'special').map((g) => (g.serviceId === 'notary' ? { ...g, timeLimit: '材料齐全的，10 个工作日内出具公证书' } : g));
  const r = await t.api('PUT', '/api/v1/kiosk/guides', { as: 'admin', body: next });
  expect(r.status).toBe(200);
  expect(r.body.changes).toEqual([
    { section: 'guides', id: 'notary', action: 'updated', fields: ['timeLimit'] },
    { section: 'guides', id: 'special', action: 'removed' },
  ]);
  const audit = (await t.api('GET', '/api/v1/audit/changes', { as: 'admin' })).body;
  expect(audit[0]).toMatchObject({ type: 'kiosk-content.changed', kind: 'guides', changes: r.body.changes });
});

it('the service network is configuration: a point added, changed and removed through the configuration routes, audited as config.changed', async () => {
  const point = { level: 'room', name: '青山镇东村公共法律服务工作室', area: '青山镇', address: '东村村委会', phone: '0000-61009', hours: '周三 9:00–12:00', hoursEn: 'Wed 9:00–12:00' };
  const added = await t.api('PUT', '/api/v1/config/network/qingshan-dongcun', { as: 'admin', body: point });
  expect(added.status).toBe(200);
  expect(added.body.changes).toEqual([{ section: 'network', id: 'qingshan-dongcun', action: 'added' }]);
  const network = (await t.api('GET', '/api/v1/kiosk/network')).body;
  expect(network.points.find((p: { id: string }) => p.id === 'qingshan-dongcun')).toMatchObject({ name: point.name, hoursEn: 'Wed 9:00–12:00' });
  const bad = await t.api('PUT', '/api/v1/config/network/qingshan-dongcun', { as: 'admin', body: { ...point, phone: '' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('phone');
  expect((await t.api('PUT', '/api/v1/config/network/qingshan-dongcun', { as: 'li.director', body: point })).status).toBe(403);
  const removed = await t.api('DELETE', '/api/v1/config/network/qingshan-dongcun', { as: 'admin' });
  expect(removed.body.changes).toEqual([{ section: 'network', id: 'qingshan-dongcun', action: 'removed' }]);
  expect((await t.api('GET', '/api/v1/kiosk/network')).body.points.some((p: { id: string }) => p.id === 'qingshan-dongcun')).toBe(false);
  const audit = (await t.api('GET', '/api/v1/audit/changes', { as: 'admin' })).body.filter((c: { type: string }) => c.type === 'config.changed');
  expect(audit.slice(0, 2).map((c: { changes: { action: string }[] }) => c.changes[0]!.action)).toEqual(['removed', 'added']);
});

it('after a restart the ledger\'s content is in force, whatever the data folder\'s file says; the chain verifies', async () => {
  const qa = (await t.api('GET', '/api/v1/kiosk/qa')).body;
  t.port = Number(new URL(t.url).port);
  await t.restart();
  // A file a technician put back by hand does not undo an edit the ledger recorded.
  writeFileSync(join(t.dataDir, 'kiosk-content', 'qa.json'), JSON.stringify({ ...qa, items: qa.items.slice(0, 1) }));
  expect((await t.api('GET', '/api/v1/kiosk/qa')).body).toEqual(qa);
  const verify = await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' });
  expect(verify.body).toMatchObject({ ok: true });
});
