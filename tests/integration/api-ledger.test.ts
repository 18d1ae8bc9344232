// Ledger, stats, CSV export, follow-ups, complaints, purge, health and OpenAPI through the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/ledger/csv.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { ledgerFileBytes, testLedgerKind } from '../support/test-store.js';

let t: TestHub & { cleanup(): Promise<void> };
let lin: string;
let tang: string;

/** One visit at a window: issue → call → start → wait → finish → optional rating. */
async function visit(token: string, windowId: string, serviceId: string, minutes: number, score?: string, extra: Record<string, unknown> = {}) {
  const issued = await t.issue(serviceId, extra);
  t.clock.advance(5);
  const called = await t.api('POST', `/api/v1/windows/${windowId}/call-next`, { token });
  expect(called.body.ticket.id).toBe(issued.body.id);
  await t.api('POST', `/api/v1/windows/${windowId}/start`, { token });
  t.clock.advance(minutes);
  await t.api('POST', `/api/v1/windows/${windowId}/finish`, { token, body: { matter: `${serviceId} 事项`, outcome: '已答复' } });
  if (score) expect((await t.api('POST', `/api/v1/windows/${windowId}/rating`, { body: { score } })).status).toBe(201);
  return issued.body.id as string;
}

beforeAll(async () => {
  t = await startTestHub();
  await t.addStaff('liang.zheng', 'director');
  lin = await t.staffAt('lin.qiao', '2');
  tang = await t.staffAt('tang.wei', '5');
  await visit(lin, '2', 'consult', 10, 'very-satisfied', { phone: '13812345678' });
  await visit(lin, '2', 'consult', 20, 'basic');
  await visit(tang, '5', 'mediation', 40, 'dissatisfied');
  await visit(tang, '5', 'mediation', 30);
});
afterAll(() => t.cleanup());

describe('ledger', () => {
  it('lists one row per visit with the contract columns and masked phone; director/admin only', async () => {
    expect((await t.api('GET', '/api/v1/ledger', { token: lin })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/ledger')).status).toBe(401);
    const r = await t.api('GET', '/api/v1/ledger?from=2026-11-23&to=2026-11-23', { as: 'liang.zheng' });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(4);
    expect(Object.keys(r.body[0])).toEqual(expect.arrayContaining(['ticketId', 'number', 'service', 'issuedAt', 'calledAt', 'startedAt', 'finishedAt', 'windowId', 'staff', 'visitorName', 'phone', 'matter', 'outcome', 'rating', 'transfers']));
    expect(r.body[0]).toMatchObject({ number: 'B001', service: '法律咨询', windowId: '2', staff: '测试lin.qiao', phone: '138****5678', rating: 'very-satisfied', matter: 'consult 事项' });
    expect(JSON.stringify(r.body)).not.toContain('13812345678');
    expect((await t.api('GET', '/api/v1/ledger?from=2026-11-24&to=2026-11-23', { as: 'admin' })).body.error.field).toBe('from');
    expect((await t.api('GET', '/api/v1/ledger?from=2026-13-01', { as: 'admin' })).status).toBe(400);
    expect((await t.api('GET', '/api/v1/ledger?windowId=5', { as: 'admin' })).body).toHaveLength(2);
    expect((await t.api('GET', '/api/v1/ledger?rating=basic', { as: 'admin' })).body).toHaveLength(1);
  });

  it('stats by service, window, staff and day with exact waits, handling and satisfaction', async () => {
    const r = await t.api('GET', '/api/v1/stats?by=service', { as: 'liang.zheng' });
    expect(r.status).toBe(200);
    const consult = r.body.find((x: any) => x.key === 'consult');
    expect(consult).toMatchObject({ label: '法律咨询', issued: 2, served: 2, noShow: 0, avgWaitMinutes: 5, avgHandlingMinutes: 15, p90HandlingMinutes: 20, rated: 2, satisfactionRate: 0.5 });
    const mediation = r.body.find((x: any) => x.key === 'mediation');
    expect(mediation).toMatchObject({ issued: 2, served: 2, avgHandlingMinutes: 35, overTimeLimit: 0, ratings: { dissatisfied: 1, basic: 0, satisfied: 0, 'very-satisfied': 0 }, satisfactionRate: 0 });
    const byStaff = await t.api('GET', '/api/v1/stats?by=staff', { as: 'admin' });
    expect(byStaff.body.map((x: any) => x.label).sort()).toEqual(['测试lin.qiao', '测试tang.wei']);
    const byDay = await t.api('GET', '/api/v1/stats?by=day', { as: 'admin' });
    expect(byDay.body).toEqual([expect.objectContaining({ key: '2026-11-23', issued: 4, served: 4, rated: 3 })]);
    expect((await t.api('GET', '/api/v1/stats?by=month', { as: 'admin' })).body.error.field).toBe('by');
  });

  it('exports CSV with Chinese headers and the same rows', async () => {
    const r = await t.api('GET', '/api/v1/ledger/export?format=csv&from=2026-11-23&to=2026-11-23', { as: 'admin' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(r.text);
    expect(rows[0]).toEqual(expect.arrayContaining(['号票', '来访人姓名', '联系方式', '来访时间', '接待人员', '办理事项', '办理过程及结果', '满意度评价']));
    expect(rows.slice(1).map((x) => x[0])).toEqual(['B001', 'B002', 'D001', 'D002']);
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(rows[1]![col('满意度评价')]).toBe('非常满意');
    expect(rows[1]![col('联系方式')]).toBe('138****5678');
    expect(rows[1]![col('来访时间')]).toBe('2026-11-23 09:00:00');
    expect((await t.api('GET', '/api/v1/ledger/export?format=pdf', { as: 'admin' })).status).toBe(400);
  });

  it('opens a follow-up for every basic/dissatisfied rating and closes it once', async () => {
    const open = await t.api('GET', '/api/v1/follow-ups?status=open', { as: 'liang.zheng' });
    expect(open.body.map((f: any) => f.rating).sort()).toEqual(['basic', 'dissatisfied']);
    const mine = await t.api('GET', '/api/v1/follow-ups', { token: tang });
    expect(mine.body).toHaveLength(1);
    const id = mine.body[0].id;
    expect((await t.api('POST', `/api/v1/follow-ups/${id}`, { token: lin, body: { reached: true, note: 'x', resolved: true } })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/follow-ups/${id}`, { token: tang, body: { reached: 'yes', note: 'x', resolved: true } })).body.error.field).toBe('reached');
    const closed = await t.api('POST', `/api/v1/follow-ups/${id}`, { token: tang, body: { reached: true, note: '已电话回访，当事人表示理解', resolved: true } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'done', reached: true, resolved: true });
    expect((await t.api('POST', `/api/v1/follow-ups/${id}`, { token: tang, body: { reached: true, note: 'again', resolved: true } })).status).toBe(409);
    expect((await t.api('POST', '/api/v1/follow-ups/none', { token: tang, body: { reached: true, note: 'x', resolved: true } })).status).toBe(404);
  });

  it('registers and handles complaints with a due date', async () => {
    const bad = await t.api('POST', '/api/v1/complaints', { as: 'liang.zheng', body: { channel: 'phone', subject: '', content: 'x' } });
    expect(bad.body.error.field).toBe('subject');
    const r = await t.api('POST', '/api/v1/complaints', { as: 'liang.zheng', body: { channel: '12348', subject: '等候时间过长', content: '上午排队一小时', windowId: '5', contact: '13900001111' } });
    expect(r.status).toBe(201);
    expect(Date.parse(r.body.dueAt) - Date.parse(r.body.registeredAt)).toBe(7 * 86_400_000);
    expect(JSON.stringify(r.body)).not.toContain('13900001111');
    expect((await t.api('GET', '/api/v1/complaints', { token: lin })).status).toBe(403);
    const handled = await t.api('POST', `/api/v1/complaints/${r.body.id}`, { as: 'liang.zheng', body: { status: 'closed', reply: '已调整窗口排班并电话反馈' } });
    expect(handled.body).toMatchObject({ status: 'closed', reply: '已调整窗口排班并电话反馈' });
    expect((await t.api('POST', `/api/v1/complaints/${r.body.id}`, { as: 'liang.zheng', body: { status: 'handling', reply: 'x' } })).status).toBe(409);
    expect((await t.api('POST', '/api/v1/complaints/none', { as: 'liang.zheng', body: { status: 'closed', reply: 'x' } })).status).toBe(404);
  });

  it('verifies the chain; purge erases personal data and the chain still verifies', async () => {
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body).toMatchObject({ ok: true });
    expect((await t.api('POST', '/api/v1/ledger/purge', { as: 'liang.zheng', body: { before: '2026-11-24' } })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/ledger/purge', { as: 'admin', body: { before: '24/11/2026' } })).body.error.field).toBe('before');
    expect((await t.api('POST', '/api/v1/ledger/purge', { as: 'admin', body: { before: '2026-02-30' } })).body.error).toMatchObject({ field: 'before', message: expect.stringContaining('real date') });
    expect((await t.api('GET', '/api/v1/ledger?from=2026-11-31&to=2026-12-01', { as: 'admin' })).status).toBe(400);
    expect((await t.api('POST', '/api/v1/ledger/purge', { as: 'admin', body: { before: '2027-01-01' } })).status).toBe(400);
    t.clock.advance(24 * 60);
    t.tokens.clear(); // tokens live 12 h
    const r = await t.api('POST', '/api/v1/ledger/purge', { as: 'admin', body: { before: '2026-11-24' } });
    expect(r.status).toBe(200);
    expect(r.body.purged).toBeGreaterThanOrEqual(2);
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body).toMatchObject({ ok: true });
    const rows = (await t.api('GET', '/api/v1/ledger?from=2026-11-23&to=2026-11-23', { as: 'admin' })).body;
    expect(rows[0].phone).toBeNull();
    expect(rows).toHaveLength(4); // the visits themselves stay
    const stats = (await t.api('GET', '/api/v1/stats?by=day&from=2026-11-23&to=2026-11-23', { as: 'admin' })).body;
    expect(stats[0]).toMatchObject({ issued: 4, served: 4 });
    // no personal value is left anywhere in the database files
    const db = await ledgerFileBytes(t.dataDir);
    expect(db.some((file) => file.length > 0)).toBe(true);
    for (const needle of ['13812345678', '138****5678', '13900001111']) for (const file of db) expect(file.includes(Buffer.from(needle))).toBe(false);
  });
});

describe('system routes', () => {
  it('health, openapi and unknown routes', async () => {
    const health = (await t.api('GET', '/api/v1/health')).body;
    expect(health).toMatchObject({ status: 'ok', ledger: testLedgerKind });
    expect(health.devices).toEqual(expect.arrayContaining([{ id: 'sim-printer-K1', kind: 'printer', state: 'simulated' }, expect.objectContaining({ id: 'sim-idcard-K1', state: 'simulated' })]));
    const doc = await t.api('GET', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/tickets', '/api/v1/windows/{id}/call-next', '/api/v1/ledger/verify', '/api/v1/stats']));
    expect(doc.body.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema.properties.serviceId).toBeDefined();
    const missing = await t.api('GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
  });
});
