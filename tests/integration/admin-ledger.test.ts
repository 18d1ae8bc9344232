// The director's ledger browser and complaint workflow over the real server: full-text search, newest
// first with a total count, CSV and XLSX exports parsed back, and who may open the admin data routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/ledger/csv.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { xlsxRows } from '../support/xlsx-rows.js';

let t: TestHub & { cleanup(): Promise<void> };
let lin: string;
let tang: string;

async function visit(token: string, windowId: string, serviceId: string, matter: string, outcome: string, extra: Record<string, unknown> = {}) {
  const issued = await t.issue(serviceId, extra);
  t.clock.advance(3);
  await t.api('POST', `/api/v1/windows/${windowId}/call-next`, { token });
  await t.api('POST', `/api/v1/windows/${windowId}/start`, { token });
  t.clock.advance(12);
  await t.api('POST', `/api/v1/windows/${windowId}/finish`, { token, body: { matter, outcome } });
  return issued.body.id as string;
}

beforeAll(async () => {
  t = await startTestHub();
  await t.addStaff('liang.zheng', 'director');
  lin = await t.staffAt('lin.qiao', '2');
  tang = await t.staffAt('tang.wei', '5');
  await visit(lin, '2', 'consult', '劳动合同咨询', '告知劳动仲裁途径', { phone: '13812345678' });
  await visit(tang, '5', 'mediation', '邻里纠纷调解', '双方达成调解协议');
  await visit(lin, '2', 'consult', '农民工工资拖欠', '引导申请法律援助，已受理 50%');
});
afterAll(() => t.cleanup());

describe('ledger browser', () => {
  it('searches matter and outcome, counts matches, lists the newest first', async () => {
    const wage = await t.api('GET', `/api/v1/ledger?q=${encodeURIComponent('工资')}`, { as: 'liang.zheng' });
    expect(wage.status).toBe(200);
    expect(wage.body.map((r: any) => r.matter)).toEqual(['农民工工资拖欠']);
    expect(wage.headers.get('x-total-count')).toBe('1');
    const outcome = await t.api('GET', `/api/v1/ledger?q=${encodeURIComponent('调解协议')}`, { as: 'liang.zheng' });
    expect(outcome.body.map((r: any) => r.number)).toEqual(['D001']);
    // % is searched literally, not as a wildcard
    expect((await t.api('GET', `/api/v1/ledger?q=${encodeURIComponent('50%')}`, { as: 'admin' })).body).toHaveLength(1);
    expect((await t.api('GET', `/api/v1/ledger?q=${encodeURIComponent('%')}`, { as: 'admin' })).body).toHaveLength(1);
    const page = await t.api('GET', '/api/v1/ledger?order=newest&limit=2', { as: 'admin' });
    expect(page.body.map((r: any) => r.number)).toEqual(['B002', 'D001']);
    expect(page.headers.get('x-total-count')).toBe('3');
    expect((await t.api('GET', '/api/v1/ledger?order=sideways', { as: 'admin' })).body.error.field).toBe('order');
  });

  it('exports the filtered rows as CSV and XLSX with the same Chinese headers and values', async () => {
    const json = (await t.api('GET', '/api/v1/ledger?serviceId=consult', { as: 'liang.zheng' })).body;
    const csv = await t.api('GET', '/api/v1/ledger/export?format=csv&serviceId=consult', { as: 'liang.zheng' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(csv.text);
    expect(rows[0]!.slice(0, 4)).toEqual(['号票', '业务', '来访人姓名', '联系方式']);
    expect(rows[0]).toEqual(expect.arrayContaining(['来访时间', '接待人员', '办理事项', '办理过程及结果', '满意度评价']));
    expect(rows.slice(1).map((r) => r[0])).toEqual(json.map((r: any) => r.number));
    expect(csv.text).toContain('138****5678');
    expect(csv.text).not.toContain('13812345678');

    const res = await fetch(`${t.url}/api/v1/ledger/export?format=xlsx&serviceId=consult`, { headers: { authorization: `Bearer ${await t.login('liang.zheng')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const sheet = await xlsxRows(await res.arrayBuffer());
    expect(sheet[0]).toEqual(rows[0]);
    expect(sheet.slice(1)).toEqual(rows.slice(1).map((r) => r.map((c) => c)));
  });
});

describe('admin data routes', () => {
  it('are closed to staff (403) and to anonymous callers (401)', async () => {
    const routes = ['/api/v1/ledger', '/api/v1/ledger/export?format=xlsx', '/api/v1/ledger/verify', '/api/v1/stats', '/api/v1/dashboard', '/api/v1/reports/weekly', '/api/v1/reports/monthly/export', '/api/v1/complaints'];
    for (const path of routes) {
      expect((await t.api('GET', path, { token: lin })).status, path).toBe(403);
      expect((await t.api('GET', path)).status, path).toBe(401);
      expect((await t.api('GET', path, { as: 'liang.zheng' })).status, path).toBe(200);
    }
    expect((await t.api('POST', '/api/v1/complaints/x/assign', { token: lin, body: { staffId: 'x' } })).status).toBe(403);
  });
});

describe('follow-ups', () => {
  it('records unanswered calls without closing, then closes; staff only their own', async () => {
    t.clock.advance(1);
    await t.issue('consult');
    await t.api('POST', '/api/v1/windows/2/call-next', { token: lin });
    await t.api('POST', '/api/v1/windows/2/finish', { token: lin, body: {} });
    expect((await t.api('POST', '/api/v1/windows/2/rating', { body: { score: 'dissatisfied' } })).body.followUp).toBe(true);
    const [f] = (await t.api('GET', '/api/v1/follow-ups?status=open', { token: lin })).body;
    expect((await t.api('POST', `/api/v1/follow-ups/${f.id}/attempts`, { token: tang, body: { note: '未接通' } })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/follow-ups/${f.id}/attempts`, { token: lin, body: { note: ' ' } })).body.error.field).toBe('note');
    const tried = await t.api('POST', `/api/v1/follow-ups/${f.id}/attempts`, { token: lin, body: { note: '电话无人接听' } });
    expect(tried.body).toMatchObject({ status: 'open', attempts: [{ by: '测试lin.qiao', note: '电话无人接听' }] });
    const closed = await t.api('POST', `/api/v1/follow-ups/${f.id}`, { token: lin, body: { reached: true, resolved: false, note: '已说明，群众仍有异议，转主任' } });
    expect(closed.body).toMatchObject({ status: 'done', reached: true, resolved: false, attempts: [{ note: '电话无人接听' }] });
    expect((await t.api('POST', `/api/v1/follow-ups/${f.id}/attempts`, { token: lin, body: { note: '再次回访' } })).status).toBe(409);
    expect((await t.api('POST', '/api/v1/follow-ups/nope/attempts', { token: lin, body: { note: 'x' } })).status).toBe(404);
    await t.restart(); // replay rebuilds the attempts from the ledger
    t.tokens.clear();
    expect((await t.api('GET', '/api/v1/follow-ups', { as: 'liang.zheng' })).body.find((x: any) => x.id === f.id).attempts).toHaveLength(1);
    lin = await t.login('lin.qiao');
    tang = await t.login('tang.wei');
  });
});

describe('complaints', () => {
  it('register → assign → handle → feed back → close, each step recorded in the ledger', async () => {
    const staffId = (await t.api('GET', '/api/v1/auth/me', { token: tang })).body.staffId;
    const c = await t.api('POST', '/api/v1/complaints', { as: 'liang.zheng', body: { channel: 'phone', subject: '等候时间过长', content: '上午排队一小时', windowId: '2', contact: '13900001111' } });
    expect(c.status).toBe(201);
    const id = c.body.id;
    expect((await t.api('POST', `/api/v1/complaints/${id}/feedback`, { as: 'liang.zheng', body: { channel: 'phone', note: '已回复' } })).status).toBe(409);
    const badStaff = await t.api('POST', `/api/v1/complaints/${id}/assign`, { as: 'liang.zheng', body: { staffId: 'nobody' } });
    expect(badStaff.status).toBe(400);
    expect(badStaff.body.error.field).toBe('staffId');
    const assigned = await t.api('POST', `/api/v1/complaints/${id}/assign`, { as: 'liang.zheng', body: { staffId, note: '请核实' } });
    expect(assigned.body).toMatchObject({ assigneeId: staffId, assignee: '测试tang.wei', status: 'open' });
    await t.api('POST', `/api/v1/complaints/${id}`, { as: 'liang.zheng', body: { status: 'handling', reply: '已调取排队记录' } });
    expect((await t.api('POST', `/api/v1/complaints/${id}/feedback`, { as: 'liang.zheng', body: { channel: 'fax', note: 'x' } })).body.error.field).toBe('channel');
    const fb = await t.api('POST', `/api/v1/complaints/${id}/feedback`, { as: 'liang.zheng', body: { channel: 'phone', note: '已电话说明并致歉', satisfied: true } });
    expect(fb.body.feedback).toMatchObject({ channel: 'phone', note: '已电话说明并致歉', satisfied: true });
    const closed = await t.api('POST', `/api/v1/complaints/${id}`, { as: 'liang.zheng', body: { status: 'closed', reply: '已办结' } });
    expect(closed.body.status).toBe('closed');
    expect((await t.api('POST', `/api/v1/complaints/${id}/assign`, { as: 'liang.zheng', body: { staffId } })).status).toBe(409);
    const types = (await t.hub.store.readEvents(0, 10_000)).filter((e) => 'complaintId' in (e.data as object) && (e.data as { complaintId: string }).complaintId === id).map((e) => e.type);
    expect(types).toEqual(['complaint.registered', 'complaint.assigned', 'complaint.updated', 'complaint.feedback', 'complaint.updated']);
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
  });
});
