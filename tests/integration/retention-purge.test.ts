// Retention through the real hub: personal data of visits past the configured days is erased by the
// hub's daily check as one purge event; afterwards none of it is left in the database file's bytes, the
// ledger still verifies, the figures are unchanged and a current staff member's phone is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';
import { ledgerFileBytes } from '../support/test-store.js';

const NAME = '欧阳春花';
const ID_NUMBER = '11010519491231002X';
const PHONE = '13912345678';
const COMPLAINT_PHONE = '13698765432';
const STAFF_PHONE = '13511112222';

let t: TestHub & { cleanup(): Promise<void> };

async function fileContains(needles: Buffer[]): Promise<boolean[]> {
  const files = await ledgerFileBytes(t.dataDir);
  return needles.map((n) => files.some((f) => f.includes(n)));
}

describe('retention (default 365 days)', () => {
  let ticketId: string;
  let sealed: Buffer[];
  let staffRef: string;
  let statsBefore: unknown;
  let ledgerBefore: any[];

  beforeAll(async () => {
    t = await startTestHub({ clock: new ManualClock(Date.parse('2025-11-03T09:00:00+08:00')) });
    await t.addStaff('lin.qiao', 'staff', { phone: STAFF_PHONE });
    const lin = await t.staffAt('lin.qiao', '2');
    const card = await t.api('POST', '/api/v1/simulate/idcard', { body: { kioskId: 'K1', card: { name: NAME, idNumber: ID_NUMBER } } });
    const issued = await t.issue('consult', { identityToken: card.body.identityToken, phone: PHONE });
    ticketId = issued.body.id;
    t.clock.advance(4);
    await t.api('POST', '/api/v1/windows/2/call-next', { token: lin });
    await t.api('POST', '/api/v1/windows/2/start', { token: lin });
    t.clock.advance(12);
    await t.api('POST', '/api/v1/windows/2/finish', { token: lin, body: { matter: '劳动争议咨询', outcome: '告知仲裁程序' } });
    expect((await t.api('POST', '/api/v1/windows/2/rating', { body: { score: 'basic' } })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/complaints', { as: 'admin', body: { channel: 'phone', subject: '等候时间长', content: '排队太久', contact: COMPLAINT_PHONE } })).status).toBe(201);

    const refs = [(await t.hub.findTicket(ticketId))!.personalRef!, [...t.hub.state.complaints.values()][0]!.personalRef!];
    staffRef = [...t.hub.state.staff.values()].find((s) => s.username === 'lin.qiao')!.personalRef!;
    sealed = (await t.hub.store.personal(refs)).map((r) => r.sealed);
    expect(sealed).toHaveLength(2);
    statsBefore = (await t.api('GET', '/api/v1/stats?from=2025-11-03&to=2025-11-03&by=window', { as: 'admin' })).body;
    ledgerBefore = (await t.api('GET', '/api/v1/ledger?from=2025-11-03&to=2025-11-03', { as: 'admin' })).body;
    expect(ledgerBefore[0]).toMatchObject({ visitorName: '欧**花', phone: '139****5678' });
  });
  afterAll(() => t.cleanup());

  it('keeps everything within the retention period (the daily check purges nothing and records nothing)', async () => {
    t.clock.set('2026-11-02T09:00:00+08:00'); // 364 days later
    t.tokens.clear(); // sign in again: tokens last 12 hours
    expect(await t.hub.retention!.runDue()).toBeNull();
    expect(await fileContains(sealed)).toEqual([true, true]);
    const r = await t.api('POST', `/api/v1/tickets/${ticketId}/reveal`, { as: 'admin', body: { reason: '回访核对电话' } });
    expect(r.body.phone).toBe(PHONE);
  });

  it('erases it the day it is past retention: no sealed record, masked form or value left in the file bytes', async () => {
    t.clock.set('2026-11-04T08:30:00+08:00');
    t.tokens.clear();
    const result = await t.hub.retention!.runDue();
    expect(result).toEqual({ before: '2025-11-04', purged: 2 });
    // once a day: a second check the same day does nothing
    expect(await t.hub.retention!.runDue()).toBeNull();

    const needles = [...sealed, ...[NAME, ID_NUMBER, PHONE, COMPLAINT_PHONE, '欧**花', '139****5678'].map((s) => Buffer.from(s, 'utf8'))];
    expect(await fileContains(needles)).toEqual(needles.map(() => false));
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
    const gone = await t.api('POST', `/api/v1/tickets/${ticketId}/reveal`, { as: 'admin', body: { reason: '回访核对电话' } });
    expect(gone.status).toBe(410);
  });

  it('keeps the figures and the rest of the ledger row; only the personal columns are empty', async () => {
    expect((await t.api('GET', '/api/v1/stats?from=2025-11-03&to=2025-11-03&by=window', { as: 'admin' })).body).toEqual(statsBefore);
    const after = (await t.api('GET', '/api/v1/ledger?from=2025-11-03&to=2025-11-03', { as: 'admin' })).body;
    expect(after).toEqual([{ ...ledgerBefore[0], visitorName: null, phone: null }]);
  });

  it("keeps a current staff member's phone, and records the purge as the retention's event", async () => {
    expect(await t.hub.store.personal([staffRef])).toHaveLength(1);
    const changes = await t.api('GET', '/api/v1/audit/changes?from=2026-11-04&to=2026-11-04', { as: 'admin' });
    expect(changes.body).toEqual([expect.objectContaining({ type: 'personal.purged', byId: 'retention', before: '2025-11-04', purged: 2 })]);
    // after a restart the chain still verifies and the purge is not repeated
    await t.restart();
    await t.hub.retention!.settled();
    expect((await t.api('GET', '/api/v1/audit/changes?from=2026-11-04&to=2026-11-04', { as: 'admin' })).body).toHaveLength(1);
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
  });
});

describe('retention (configured days)', () => {
  beforeAll(async () => {
    t = await startTestHub({ config: { ...testConfig(), retention: { personalDataDays: 30 } }, clock: new ManualClock(Date.parse('2026-10-01T10:00:00+08:00')) });
  });
  afterAll(() => t.cleanup());

  it('purges what is older than the configured days and keeps the rest', async () => {
    const old = (await t.issue('consult', { phone: '13700000001' })).body.id;
    t.clock.set('2026-10-20T10:00:00+08:00');
    const recent = (await t.issue('consult', { phone: '13700000002' })).body.id;
    t.clock.set('2026-11-01T10:00:00+08:00'); // old is 31 days back, recent 12
    t.tokens.clear();
    expect(await t.hub.retention!.runDue()).toEqual({ before: '2026-10-02', purged: 1 });
    const reveal = (id: string) => t.api('POST', `/api/v1/tickets/${id}/reveal`, { as: 'admin', body: { reason: '核对保存期限' } });
    expect((await reveal(old)).status).toBe(410);
    expect((await reveal(recent)).body.phone).toBe('13700000002');
  });

  it('refuses a retention shorter than 30 days in the configuration', async () => {
    const { parseConfig } = await import('../../server/config/load-config.js');
    expect(() => parseConfig({ ...testConfig(), retention: { personalDataDays: 7 } }, 'test')).toThrow(/retention\.personalDataDays/);
    expect(parseConfig(testConfig(), 'test').retention.personalDataDays).toBe(365);
  });
});
