// Contract routes for auth, services, tickets and windows through the real HTTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
beforeAll(async () => {
  t = await startTestHub();
  await t.addStaff('lin.qiao');
  await t.addStaff('song.yu');
  await t.addStaff('fang.jie');
  await t.addStaff('liang.zheng', 'director');
});
afterAll(() => t.cleanup());

const eventCount = async () => (await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.events as number;

describe('auth', () => {
  it('logs in, rejects wrong passwords and malformed bodies', async () => {
    const ok = await t.api('POST', '/api/v1/auth/login', { body: { username: 'lin.qiao', password: 'pw-lin.qiao-123' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ role: 'staff', name: '测试lin.qiao' });
    expect((await t.api('POST', '/api/v1/auth/login', { body: { username: 'lin.qiao', password: 'nope' } })).status).toBe(401);
    const bad = await t.api('POST', '/api/v1/auth/login', { body: { username: 'lin.qiao' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid-input', field: 'password' });
    const garbage = await t.api('POST', '/api/v1/auth/login', { raw: '{"username": ' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('invalid-json');
  });

  it('rejects a forged or expired token with 401', async () => {
    const token = await t.login('lin.qiao');
    const forged = `${token.split('.')[0]}x.${token.split('.')[1]}`;
    expect((await t.api('GET', '/api/v1/auth/me', { token: forged })).status).toBe(401);
    t.clock.advance(13 * 60); // tokens live 12 h
    expect((await t.api('GET', '/api/v1/auth/me', { token })).status).toBe(401);
    t.clock.advance(-13 * 60);
  });

  it('only admin creates staff; duplicates are 409; bad fields are 400 and create nothing', async () => {
    const body = { username: 'new.one', password: 'long-enough-1', name: '新人', title: '调解员', employeeNo: 'X1' };
    expect((await t.api('POST', '/api/v1/staff', { body })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/staff', { as: 'liang.zheng', body })).status).toBe(403);
    const before = await eventCount();
    const bad = await t.api('POST', '/api/v1/staff', { as: 'admin', body: { ...body, password: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('password');
    expect(await eventCount()).toBe(before);
    expect((await t.api('POST', '/api/v1/staff', { as: 'admin', body })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/staff', { as: 'admin', body })).status).toBe(409);
  });
});

describe('tickets', () => {
  it('issues from a kiosk with the contract shape, numbered per service', async () => {
    const r = await t.issue('legal-aid');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ number: 'C001', serviceId: 'legal-aid', serviceName: '法律援助', status: 'waiting', priority: 'normal', ahead: 0, print: 'queued' });
    expect(typeof r.body.estimatedWaitMinutes).toBe('number');
    expect(new Date(r.body.issuedAt).toISOString()).toBe(r.body.issuedAt);
    expect((await t.issue('legal-aid')).body).toMatchObject({ number: 'C002', ahead: 1 });
    const got = await t.api('GET', `/api/v1/tickets/${r.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: r.body.id, status: 'waiting', ahead: 0 });
  });

  it('answers 400 naming the field, 404 for unknown service/kiosk/ticket, 401 without kiosk or token', async () => {
    const before = await eventCount();
    const r400 = await t.api('POST', '/api/v1/tickets', { body: { kioskId: 'K1' } });
    expect(r400.status).toBe(400);
    expect(r400.body.error.field).toBe('serviceId');
    expect((await t.api('POST', '/api/v1/tickets', { body: { serviceId: 'consult', kioskId: 'K1', priority: 'vip' } })).body.error.field).toBe('priority');
    expect((await t.api('POST', '/api/v1/tickets', { body: { serviceId: 'consult', kioskId: 'K1', phone: 'call me' } })).body.error.field).toBe('phone');
    expect((await t.issue('no-such-service')).status).toBe(404);
    expect((await t.api('POST', '/api/v1/tickets', { body: { serviceId: 'consult', kioskId: 'K9' } })).status).toBe(404);
    expect((await t.api('POST', '/api/v1/tickets', { body: { serviceId: 'consult' } })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/tickets/nope')).status).toBe(404);
    expect(await eventCount()).toBe(before);
  });

  it('green from a kiosk needs a qualifying card; staff may issue green', async () => {
    const kiosk = await t.issue('consult', { priority: 'green' });
    expect(kiosk.status).toBe(403);
    expect(kiosk.body.error.code).toBe('green-not-qualified');
    const staff = await t.api('POST', '/api/v1/tickets', { as: 'lin.qiao', body: { serviceId: 'consult', priority: 'green' } });
    expect(staff.status).toBe(201);
    expect(staff.body.priority).toBe('green');
  });

  it('one waiting ticket per ID number per service, via a card read at the kiosk', async () => {
    const read = async (idNumber: string, birthDate?: string) =>
      (await t.api('POST', '/api/v1/simulate/idcard', { body: { kioskId: 'K1', card: { name: '王小明', idNumber, ...(birthDate ? { birthDate } : {}) } } }));
    const card = await read('11010519491231002X');
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ nameMasked: '王*明', greenEligible: true });
    expect(card.body.idNumberMasked).not.toContain('19491231');
    const first = await t.issue('mediation', { identityToken: card.body.identityToken, priority: 'green' });
    expect(first.status).toBe(201);
    expect(first.body.priority).toBe('green');
    // the token is single use
    expect((await t.issue('mediation', { identityToken: card.body.identityToken })).status).toBe(400);
    const again = await read('11010519491231002X');
    const dup = await t.issue('mediation', { identityToken: again.body.identityToken });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('already-waiting');
    // the refused token was not used up: the citizen can pick another service with it
    expect((await t.issue('notary', { identityToken: again.body.identityToken })).status).toBe(201);
    expect((await read('110105194912310021')).status).toBe(400); // wrong check character
  });
});

describe('window actions', () => {
  it('runs a visit: sign-in, call-next, recall, start, finish, rating; 204 when nothing waits', async () => {
    const tok = await t.staffAt('song.yu', '6'); // notary + forensic
    const first = await t.issue('forensic');
    const call = await t.api('POST', '/api/v1/windows/6/call-next', { token: tok });
    expect(call.status).toBe(200);
    expect(call.body.ticket).toMatchObject({ id: expect.any(String), status: 'called', windowId: '6' });
    const calledId = call.body.ticket.id as string;
    expect([first.body.id]).not.toContain(undefined);
    expect((await t.api('POST', '/api/v1/windows/6/recall', { token: tok })).body.ticket.recalls).toBe(1);
    expect((await t.api('POST', '/api/v1/windows/6/start', { token: tok })).body.ticket.status).toBe('serving');
    const fin = await t.api('POST', '/api/v1/windows/6/finish', { token: tok, body: { matter: '遗嘱公证咨询', outcome: '告知所需材料，预约下周办理' } });
    expect(fin.status).toBe(200);
    expect(fin.body.ticket).toMatchObject({ id: calledId, status: 'done' });
    const rating = await t.api('POST', '/api/v1/windows/6/rating', { body: { score: 'very-satisfied' } });
    expect(rating.status).toBe(201);
    expect((await t.api('POST', '/api/v1/windows/6/rating', { body: { score: 'satisfied' } })).status).toBe(409);
    // drain the window's queue, then 204
    for (;;) {
      const r = await t.api('POST', '/api/v1/windows/6/call-next', { token: tok });
      if (r.status === 204) break;
      expect(r.status).toBe(200);
      await t.api('POST', '/api/v1/windows/6/finish', { token: tok, body: {} });
    }
    expect((await t.api('POST', '/api/v1/windows/6/call-next', { token: tok })).text).toBe('');
  });

  it('409 for actions that do not fit, with nothing changed; 403 for another window; 404 for no window', async () => {
    const tok = await t.staffAt('fang.jie', '4');
    const before = await eventCount();
    for (const action of ['recall', 'start', 'finish', 'no-show', 'resume']) {
      const r = await t.api('POST', `/api/v1/windows/4/${action}`, { token: tok, body: {} });
      expect(r.status, action).toBe(409);
      expect(r.body.error.message).toBeTruthy();
    }
    expect((await t.api('POST', '/api/v1/windows/4/transfer', { token: tok, body: { toServiceId: 'consult' } })).status).toBe(409);
    expect((await t.api('POST', '/api/v1/windows/4/sign-in', { as: 'lin.qiao' })).status).toBe(409);
    expect((await t.api('POST', '/api/v1/windows/4/call-next', { as: 'lin.qiao' })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/windows/99/call-next', { token: tok })).status).toBe(404);
    expect((await t.api('POST', '/api/v1/windows/4/call-next')).status).toBe(401);
    expect((await t.api('POST', '/api/v1/windows/4/call-next', { as: 'admin' })).status).toBe(403);
    const noReason = await t.api('POST', '/api/v1/windows/4/pause', { token: tok, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    expect((await t.api('POST', '/api/v1/windows/4/rating', { body: { score: 'great' } })).status).toBe(400);
    expect(await eventCount()).toBe(before);
    expect((await t.api('POST', '/api/v1/windows/4/pause', { token: tok, body: { reason: '午休' } })).body.window).toMatchObject({ status: 'paused', pauseReason: '午休' });
    expect((await t.api('POST', '/api/v1/windows/4/call-next', { token: tok })).status).toBe(409);
    expect((await t.api('POST', '/api/v1/windows/4/resume', { token: tok })).body.window.status).toBe('open');
  });

  it('transfers keep the number and the chain; no-show after recalls; reactivate', async () => {
    const tok4 = await t.login('fang.jie');
    const tok = await t.staffAt('lin.qiao', '2');
    const ticket = await t.issue('consult');
    let called = await t.api('POST', '/api/v1/windows/2/call-next', { token: tok });
    while (called.body.ticket.id !== ticket.body.id) {
      await t.api('POST', '/api/v1/windows/2/finish', { token: tok, body: {} });
      called = await t.api('POST', '/api/v1/windows/2/call-next', { token: tok });
    }
    const both = await t.api('POST', '/api/v1/windows/2/transfer', { token: tok, body: { toServiceId: 'legal-aid', toWindowId: '4' } });
    expect(both.status).toBe(400);
    const moved = await t.api('POST', '/api/v1/windows/2/transfer', { token: tok, body: { toWindowId: '4', note: '需申请法律援助' } });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({ id: ticket.body.id, number: ticket.body.number, status: 'waiting' });
    const at4 = await t.api('POST', '/api/v1/windows/4/call-next', { token: tok4 });
    expect(at4.body.ticket.id).toBe(ticket.body.id);
    expect((await t.api('POST', '/api/v1/windows/4/no-show', { token: tok4 })).body.error.code).toBe('recall-first');
    await t.api('POST', '/api/v1/windows/4/recall', { token: tok4 });
    await t.api('POST', '/api/v1/windows/4/recall', { token: tok4 });
    expect((await t.api('POST', '/api/v1/windows/4/no-show', { token: tok4 })).status).toBe(200);
    expect((await t.api('GET', `/api/v1/tickets/${ticket.body.id}`)).body.status).toBe('no-show');
    const re = await t.api('POST', `/api/v1/tickets/${ticket.body.id}/reactivate`, { token: tok4 });
    expect(re.status).toBe(200);
    expect(re.body.status).toBe('waiting');
    expect((await t.api('POST', `/api/v1/tickets/${ticket.body.id}/reactivate`, { token: tok4 })).status).toBe(409);
    const ledger = await t.api('GET', '/api/v1/ledger', { as: 'admin' });
    const row = ledger.body.find((r: any) => r.ticketId === ticket.body.id);
    expect(row.transfers).toEqual([expect.objectContaining({ fromWindowId: '2', toWindowId: '4', note: '需申请法律援助', by: '测试lin.qiao' })]);
  });
});
