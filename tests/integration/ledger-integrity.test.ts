// Tamper evidence, day rollover with an injected clock, and restart mid-day.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, startTestHub, type TestHub } from '../support/hub-harness.js';

let t: (TestHub & { cleanup(): Promise<void> }) | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** Edits the stored ledger behind the hub's back, as an attacker with file access would (dropping the guards). */
function tamper(dataDir: string, sql: string) {
  const db = new Database(join(dataDir, 'ledger.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
  db.exec(sql);
  db.close();
}

describe('tamper evidence', () => {
  it('the store refuses to update or delete an event', async () => {
    t = await startTestHub();
    await t.issue('consult');
    const db = new Database(join(t.dataDir, 'ledger.sqlite'));
    try {
      expect(() => db.exec("UPDATE events SET type = 'x' WHERE seq = 1")).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM events WHERE seq = 1')).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('altering one byte of a stored event makes verify report that event', async () => {
    t = await startTestHub();
    for (let i = 0; i < 5; i++) await t.issue('consult');
    const ok = await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' });
    expect(ok.body.ok).toBe(true);
    const target = (await t.hub.store.readEvents(0, 1000)).find((e) => e.type === 'ticket.issued' && (e.data as { number: string }).number === 'B003')!;
    await t.stop();
    tamper(t.dataDir, `UPDATE events SET data = replace(data, '"B003"', '"B009"') WHERE seq = ${target.seq}`);
    await t.start();
    const bad = await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' });
    expect(bad.body).toMatchObject({ ok: false, firstBadEvent: target.seq });
  });

  it('a removed or reordered event is reported too', async () => {
    t = await startTestHub();
    for (let i = 0; i < 4; i++) await t.issue('notary');
    const { events } = (await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body;
    tamper(t.dataDir, `DELETE FROM events WHERE seq = ${events - 1}`);
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body).toMatchObject({ ok: false, firstBadEvent: events - 1 });
    tamper(t.dataDir, `UPDATE events SET hash = 'x' || substr(hash, 2) WHERE seq = 2`);
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body).toMatchObject({ ok: false, firstBadEvent: 2 });
  });
});

describe('business days', () => {
  it('numbering restarts at the center\'s midnight, waiting tickets expire, restart mid-day continues the count', async () => {
    const clock = new ManualClock(Date.parse('2026-11-23T23:58:00+08:00'));
    t = await startTestHub({ clock });
    const tok = await t.staffAt('lin.qiao', '2');
    expect((await t.issue('consult')).body.number).toBe('B001');
    const waiting = await t.issue('consult');
    expect(waiting.body.number).toBe('B002');
    await t.api('POST', '/api/v1/windows/2/call-next', { token: tok });
    await t.api('POST', '/api/v1/windows/2/finish', { token: tok, body: {} });

    clock.set('2026-11-24T00:00:05+08:00'); // 16:00:05 UTC: a new day only in the center's zone
    t.tokens.clear();
    const first = await t.issue('consult');
    expect(first.body.number).toBe('B001');
    const old = await t.api('GET', `/api/v1/tickets/${waiting.body.id}`);
    expect(old.body).toMatchObject({ status: 'cancelled', cancelReason: 'expired' });
    const expiry = (await t.hub.store.readEvents(0, 1000)).filter((e) => e.type === 'ticket.cancelled');
    expect(expiry.map((e) => (e.data as { ticketId: string }).ticketId)).toEqual([waiting.body.id]);

    await t.issue('consult'); // B002
    clock.advance(3 * 60);
    await t.restart();
    expect((await t.issue('consult')).body.number).toBe('B003');
    expect((await t.issue('legal-aid')).body.number).toBe('C001');
    // the expired ticket is not called after the restart either
    const tok2 = await t.login('lin.qiao');
    const called = await t.api('POST', '/api/v1/windows/2/call-next', { token: tok2 });
    expect(called.body.ticket.number).toBe('B001');
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
  });

  it('a hub that was down over midnight expires yesterday\'s queue when it starts', async () => {
    const clock = new ManualClock(Date.parse('2026-11-23T17:00:00+08:00'));
    t = await startTestHub({ clock });
    const left = await t.issue('mediation');
    await t.stop();
    clock.set('2026-11-24T08:30:00+08:00');
    await t.start();
    expect((await t.api('GET', `/api/v1/tickets/${left.body.id}`)).body.status).toBe('cancelled');
    expect((await t.api('GET', '/api/v1/services')).body.find((s: any) => s.id === 'mediation').waiting).toBe(0);
  });
});

describe('projections', () => {
  it('are exactly what replaying the events gives', async () => {
    t = await startTestHub();
    const tok = await t.staffAt('lin.qiao', '2');
    for (let i = 0; i < 4; i++) await t.issue('consult', { phone: '13800000000' });
    await t.api('POST', '/api/v1/windows/2/call-next', { token: tok });
    await t.api('POST', '/api/v1/windows/2/start', { token: tok });
    await t.api('POST', '/api/v1/windows/2/finish', { token: tok, body: { matter: '咨询', outcome: '已答复' } });
    await t.api('POST', '/api/v1/windows/2/rating', { body: { score: 'basic' } });
    await t.api('POST', '/api/v1/windows/2/call-next', { token: tok });
    await t.api('POST', '/api/v1/windows/2/transfer', { token: tok, body: { toServiceId: 'legal-aid', note: '转法援' } });
    const { replayState } = await import('../../server/ledger/replay.js');
    const replayed = await replayState(t.hub.store, { rules: t.hub.config.rules, services: t.hub.config.services, windows: t.hub.config.windows });
    expect(replayed.tickets.size).toBe(4);
    for (const ticket of replayed.tickets.values()) {
      const { subjectKey: _s, ...expected } = ticket;
      expect(await t.hub.store.ticket(ticket.id)).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    expect((await t.hub.store.followUps()).map((f) => f.ticketId)).toEqual([...replayed.followUps.values()].map((f) => f.ticketId));
  });
});
