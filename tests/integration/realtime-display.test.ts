// The /display namespace: snapshot on connect, live calls (discreet services unnamed), window changes,
// reconnect gets a fresh snapshot and never an old call as new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once, startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
beforeAll(async () => {
  const config = testConfig();
  config.windows = config.windows.map((w) => (w.id === '6' ? { ...w, screenKey: 'screen-six-key' } : w));
  t = await startTestHub({ config });
});
afterAll(() => t.cleanup());

describe('/display', () => {
  it('sends a snapshot, then calls to the hall and to that window only', async () => {
    const hall = t.socket('/display', { room: 'hall' });
    const snap = await once(hall, 'snapshot');
    expect(snap).toMatchObject({ calls: [], windows: expect.any(Array), services: expect.any(Array) });
    const special = snap.services.find((s: any) => s.id === 'special');
    expect(special.name).toBeNull(); // discreet service never named on a public screen
    const w1 = t.socket('/display', { room: 'window:1' });
    const w2 = t.socket('/display', { room: 'window:2' });
    await Promise.all([once(w1, 'snapshot'), once(w2, 'snapshot')]);
    let w2Calls = 0;
    w2.on('call', () => w2Calls++);

    const windowEventP = once(hall, 'window');
    const tok = await t.staffAt('zhou.min', '1');
    const windowEvent = await windowEventP;
    expect(windowEvent).toMatchObject({ id: '1', status: 'open', staff: { name: '测试zhou.min' } });
    await t.issue('special');
    const [hallCall, w1Call] = await Promise.all([once(hall, 'call'), once(w1, 'call'), t.api('POST', '/api/v1/windows/1/call-next', { token: tok })]);
    expect(hallCall).toMatchObject({ ticketNumber: 'G001', windowId: '1', windowName: '1号窗口', serviceName: null, recall: false });
    expect(w1Call.id).toBe(hallCall.id);
    const recall = await Promise.all([once(hall, 'call'), t.api('POST', '/api/v1/windows/1/recall', { token: tok })]);
    expect(recall[0]).toMatchObject({ ticketNumber: 'G001', recall: true });
    expect(recall[0].id).toBeGreaterThan(hallCall.id);
    await t.api('POST', '/api/v1/windows/1/finish', { token: tok, body: {} });
    await t.issue('reception');
    const named = await Promise.all([once(hall, 'call'), t.api('POST', '/api/v1/windows/1/call-next', { token: tok })]);
    expect(named[0]).toMatchObject({ ticketNumber: 'A001', serviceName: '综合接待' });
    await new Promise((r) => setTimeout(r, 100));
    expect(w2Calls).toBe(0);

    // A reconnecting screen gets the present as a snapshot, with no `call` replayed.
    hall.disconnect();
    const again = t.socket('/display', { room: 'hall' });
    let replayed = 0;
    again.on('call', () => replayed++);
    const fresh = await once(again, 'snapshot');
    expect(fresh.calls.map((c: any) => c.ticketNumber)).toEqual(['A001', 'G001', 'G001']);
    expect(fresh.windows.find((w: any) => w.id === '1').current).toMatchObject({ ticketNumber: 'A001', status: 'called' });
    await new Promise((r) => setTimeout(r, 200));
    expect(replayed).toBe(0);
  });

  it('refuses unknown rooms and window rooms without their screen key', async () => {
    const err = (s: ReturnType<TestHub['socket']>) => new Promise<any>((resolve) => s.once('connect_error', (e: any) => resolve(e.data)));
    expect(await err(t.socket('/display', { room: 'window:99' }))).toMatchObject({ code: 'unknown-room' });
    expect(await err(t.socket('/display', { room: 'window:6' }))).toMatchObject({ code: 'screen-key' });
    const ok = t.socket('/display', { room: 'window:6' }, { screenKey: 'screen-six-key' });
    expect((await once(ok, 'snapshot')).window).toMatchObject({ id: '6' });
  });

  it('the kiosk namespace delivers a card read as masked data and a single-use token', async () => {
    const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
    await once(kiosk, 'printer');
    const [event] = await Promise.all([
      once(kiosk, 'idcard'),
      t.api('POST', '/api/v1/simulate/idcard', { body: { kioskId: 'K1', card: { name: '李四光', idNumber: '11010519491231002X' } } }),
    ]);
    expect(event).toMatchObject({ nameMasked: '李*光', cardType: 'resident', age: 76, identityToken: expect.any(String) });
    expect(JSON.stringify(event)).not.toContain('李四光');
    expect(JSON.stringify(event)).not.toContain('11010519491231002X');
  });
});
