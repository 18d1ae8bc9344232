// Audited reveal through the real hub: who may see a visitor's unmasked data, that a reason is required,
// and that every reveal — and only a granted one — lands in the ledger's audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let lin: string; // staff at window 2 (consult)
let tang: string; // staff at window 5 (mediation)
let ticketId: string;
let plainTicket: string;

const NAME = '王小明';
const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';

async function cardToken(): Promise<string> {
  const r = await t.api('POST', '/api/v1/simulate/idcard', { body: { kioskId: 'K1', card: { name: NAME, idNumber: ID_NUMBER } } });
  expect(r.status).toBe(200);
  return r.body.identityToken;
}

beforeAll(async () => {
  t = await startTestHub();
  await t.addStaff('liang.zheng', 'director');
  lin = await t.staffAt('lin.qiao', '2');
  tang = await t.staffAt('tang.wei', '5');
  const issued = await t.issue('consult', { identityToken: await cardToken(), phone: PHONE });
  expect(issued.status).toBe(201);
  ticketId = issued.body.id;
  plainTicket = (await t.issue('consult')).body.id;
});
afterAll(() => t.cleanup());

const reveal = (id: string, opts: { token?: string; as?: string; body?: unknown }) => t.api('POST', `/api/v1/tickets/${id}/reveal`, opts);

describe('reveal', () => {
  it('refuses without a reason, or with a token reason, and records nothing', async () => {
    const none = await reveal(ticketId, { as: 'admin', body: {} });
    expect(none.status).toBe(400);
    expect(none.body.error.field).toBe('reason');
    const short = await reveal(ticketId, { as: 'admin', body: { reason: ' 看 ' } });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('reason');
    expect((await reveal(ticketId, { as: 'admin' })).status).toBe(400);
    expect((await t.api('GET', '/api/v1/audit/reveals', { as: 'admin' })).body).toEqual([]);
  });

  it('refuses the anonymous, the director, and staff for a ticket not at their window', async () => {
    expect((await reveal(ticketId, { body: { reason: '核对来访人身份' } })).status).toBe(401);
    expect((await reveal(ticketId, { as: 'liang.zheng', body: { reason: '核对来访人身份' } })).status).toBe(403);
    // waiting, not yet called: nobody at a window serves it
    const early = await reveal(ticketId, { token: lin, body: { reason: '核对来访人身份' } });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('reveal-not-allowed');
    expect(JSON.stringify(early.body)).not.toContain(PHONE);
  });

  it('lets the staff at the window that called the ticket see it, but not another window', async () => {
    const called = await t.api('POST', '/api/v1/windows/2/call-next', { token: lin });
    expect(called.body.ticket.id).toBe(ticketId);
    expect((await reveal(ticketId, { token: tang, body: { reason: '核对来访人身份' } })).status).toBe(403);
    const r = await reveal(ticketId, { token: lin, body: { reason: '核对来访人身份，办理法律咨询' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ticketId, number: 'B001', name: NAME, phone: PHONE, idNumber: ID_NUMBER });
    // serving still counts; once finished the window no longer holds it
    await t.api('POST', '/api/v1/windows/2/start', { token: lin });
    expect((await reveal(ticketId, { token: lin, body: { reason: '补录联系电话' } })).status).toBe(200);
    await t.api('POST', '/api/v1/windows/2/finish', { token: lin, body: { matter: '咨询', outcome: '已解答' } });
    expect((await reveal(ticketId, { token: lin, body: { reason: '办结后再看一次' } })).status).toBe(403);
  });

  it('lets admin reveal any ticket; a ticket without personal data is a 404 and is not logged', async () => {
    const r = await reveal(ticketId, { as: 'admin', body: { reason: '当事人投诉核查' } });
    expect(r.status).toBe(200);
    expect(r.body.idNumber).toBe(ID_NUMBER);
    const none = await reveal(plainTicket, { as: 'admin', body: { reason: '当事人投诉核查' } });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('no-personal-data');
    expect((await reveal('no-such-ticket', { as: 'admin', body: { reason: '当事人投诉核查' } })).status).toBe(404);
  });

  it('puts every granted reveal in the audit trail (who, when, which ticket, why), newest first; staff cannot read it', async () => {
    expect((await t.api('GET', '/api/v1/audit/reveals', { token: lin })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/audit/reveals')).status).toBe(401);
    const log = await t.api('GET', '/api/v1/audit/reveals', { as: 'liang.zheng' });
    expect(log.status).toBe(200);
    expect(log.body.map((r: any) => [r.by, r.role, r.reason, r.number, r.ticketId])).toEqual([
      ['系统管理员', 'admin', '当事人投诉核查', 'B001', ticketId],
      ['测试lin.qiao', 'staff', '补录联系电话', 'B001', ticketId],
      ['测试lin.qiao', 'staff', '核对来访人身份，办理法律咨询', 'B001', ticketId],
    ]);
    expect(log.body[2].windowId).toBe('2');
    expect(Date.parse(log.body[0].at)).toBe(t.clock.ms);
    expect(JSON.stringify(log.body)).not.toContain(PHONE);
    // the reveals are ledger events: the chain still verifies and they survive a restart
    await t.restart();
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
    expect((await t.api('GET', '/api/v1/audit/reveals', { as: 'admin' })).body).toHaveLength(3);
    expect((await t.api('GET', '/api/v1/audit/reveals?from=2026-11-24&to=2026-11-23', { as: 'admin' })).body.error.field).toBe('from');
    expect((await t.api('GET', '/api/v1/audit/reveals?from=2026-11-24&to=2026-11-30', { as: 'admin' })).body).toEqual([]);
  });

  it('keeps staff out of the admin data routes', async () => {
    for (const path of ['/api/v1/ledger', '/api/v1/ledger/export?format=csv', '/api/v1/ledger/verify', '/api/v1/stats', '/api/v1/complaints', '/api/v1/audit/reveals', '/api/v1/audit/changes']) {
      expect((await t.api('GET', path, { token: lin })).status, path).toBe(403);
    }
    expect((await t.api('POST', '/api/v1/ledger/purge', { token: lin, body: { before: '2026-01-01' } })).status).toBe(403);
  });
});
