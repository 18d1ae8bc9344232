// What the admin screens see of the devices: the virtual printer's last tickets as readable lines
// (GET /api/v1/devices/<id>/preview, director/admin) and device health live over `/device-health`;
// a kiosk hears its own reader's state (`idcard-reader`).
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceHealth, PrintedLine } from '../../devices/contract.js';
import type { HubDeviceManager } from '../../server/device-bridge.js';
import { once, startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let devices: HubDeviceManager;
let director: string;
let staff: string;
const opened: Socket[] = [];

beforeAll(async () => {
  t = await startTestHub();
  devices = t.hub.devices as HubDeviceManager;
  await t.addStaff('zhu.ren', 'director');
  director = await t.login('zhu.ren');
  staff = await t.staffAt('fang.jie', '4');
});
afterAll(async () => {
  for (const s of opened) s.close();
  await t.cleanup();
});

function healthFeed(token?: string): Socket {
  const s = ioClient(`${t.url}/device-health`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
  opened.push(s);
  return s;
}

const preview = (id: string, token: string | undefined, query = '') => t.api('GET', `/api/v1/devices/${id}/preview${query}`, { token });

describe('GET /api/v1/devices/<id>/preview', () => {
  it('shows the virtual printer\'s last tickets, newest first, as lines with sizes, the QR payload and the cut', async () => {
    const first = await t.issue('legal-aid');
    const second = await t.issue('mediation');
    const reprint = await t.api('POST', `/api/v1/tickets/${first.body.id}/reprint`, { body: { kioskId: 'K1' } });
    expect(reprint.status).toBe(200);

    const r = await preview('sim-printer-K1', director);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ deviceId: 'sim-printer-K1', kioskId: 'K1', state: 'simulated' });
    const tickets = r.body.tickets as { number: string; ticketId: string; reprint: boolean; lines: PrintedLine[] }[];
    expect(tickets.map((x) => [x.number, x.reprint])).toEqual([
      [first.body.number, true],
      [second.body.number, false],
      [first.body.number, false],
    ]);
    const lines = tickets[1]!.lines;
    expect(lines).toContainEqual({ kind: 'text', text: second.body.number, width: 4, height: 4, align: 'center' });
    expect(lines).toContainEqual({ kind: 'text', text: '人民调解', width: 2, height: 2, align: 'center' });
    expect(lines).toContainEqual({ kind: 'qr', data: expect.stringMatching(new RegExp(`/t/${second.body.id}$`)) });
    expect(lines.at(-1)).toEqual({ kind: 'cut', mode: 'partial' });
    expect(tickets[0]!.lines).toContainEqual(expect.objectContaining({ kind: 'text', text: '补打 REPRINT' }));

    const admin = await preview('sim-printer-K1', await t.login('admin'), '?limit=1');
    expect(admin.status).toBe(200);
    expect(admin.body.tickets).toHaveLength(1);
  });

  it('is for the director and admin only, names a bad limit, and previews only simulated printers', async () => {
    expect((await preview('sim-printer-K1', undefined)).status).toBe(401);
    expect((await preview('sim-printer-K1', staff)).status).toBe(403);
    const bad = await preview('sim-printer-K1', director, '?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toContain('limit');
    const unknown = await preview('printer-nope', director);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('device-not-found');
    const reader = await preview('sim-idcard-K1', director);
    expect(reader.status).toBe(409);
    expect(reader.body.error).toMatchObject({ code: 'not-simulated-printer', message: expect.stringContaining('虚拟打印机') });
  });
});

describe('device health, live', () => {
  it('refuses the feed without a token or to window staff', async () => {
    for (const [token, code] of [[undefined, 'unauthorized'], [staff, 'forbidden'], ['forged.token', 'unauthorized']] as const) {
      const err = await once<Error & { data: { code: string } }>(healthFeed(token), 'connect_error');
      expect(err.data.code).toBe(code);
    }
  });

  it('sends every device on connect, then each change; the kiosk hears its printer and its reader', async () => {
    const feed = healthFeed(director);
    const snapshot = await once<{ at: string; devices: DeviceHealth[] }>(feed, 'devices');
    expect(snapshot.devices).toEqual((await t.api('GET', '/api/v1/health')).body.devices);
    expect(snapshot.devices).toContainEqual({ id: 'sim-idcard-K1', kind: 'idcard', state: 'simulated' });

    const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
    const [printer, reader] = await Promise.all([once(kiosk, 'printer'), once(kiosk, 'idcard-reader')]);
    expect(printer).toEqual({ state: 'simulated' });
    expect(reader).toEqual({ state: 'simulated' });
    const readerEvents: unknown[] = [];
    kiosk.on('idcard-reader', (x) => readerEvents.push(x));

    const changed = once<DeviceHealth & { at: string }>(feed, 'device');
    const kioskPrinter = once(kiosk, 'printer');
    devices.simulatedPrinter('K1')!.setState('paper-low', 'paper near end');
    expect(await changed).toEqual({ at: expect.any(String), id: 'sim-printer-K1', kind: 'printer', state: 'paper-low', detail: 'paper near end' });
    expect(await kioskPrinter).toEqual({ state: 'paper-low', detail: 'paper near end' });
    expect(readerEvents).toEqual([]); // a printer change is no reader change

    const readerChange = once(kiosk, 'idcard-reader');
    const readerFeed = once<DeviceHealth>(feed, 'device');
    (devices.local as unknown as { simReaders: Map<string, { setState(s: string, d?: string): void }> }).simReaders.get('K1')!.setState('offline', 'unplugged');
    expect(await readerChange).toEqual({ state: 'offline', detail: 'unplugged' });
    expect(await readerFeed).toMatchObject({ id: 'sim-idcard-K1', state: 'offline' });
    expect(readerEvents).toEqual([{ state: 'offline', detail: 'unplugged' }]);
    devices.simulatedPrinter('K1')!.setState('simulated');
  });
});
