// The kiosk's (simulated) printer: what a ticket prints, paper-out, and the citizen's phone page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HubDeviceManager } from '../../server/device-bridge.js';
import { once, startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let devices: HubDeviceManager;
beforeAll(async () => {
  t = await startTestHub();
  devices = t.hub.devices as HubDeviceManager;
});
afterAll(() => t.cleanup());

it('prints the number, service, people ahead, materials and the /t/ QR link', async () => {
  await t.issue('legal-aid');
  const r = await t.issue('legal-aid');
  expect(r.body.print).toBe('queued');
  const job = devices.simulatedPrinter('K1')!.jobs.at(-1)!;
  expect(job.text).toContain('C002');
  expect(job.text).toContain('法律援助');
  expect(job.text).toContain('前面还有 1 人');
  expect(job.text).toContain('法律援助申请表');
  expect(job.qr).toEqual([expect.stringMatching(new RegExp(`/t/${r.body.id}$`))]);
});

it('out of paper: the answer says print failed, the kiosk hears it, and the ticket still counts', async () => {
  const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
  expect(await once(kiosk, 'printer')).toEqual({ state: 'simulated' });
  const heard = once(kiosk, 'printer');
  devices.simulatedPrinter('K1')!.setState('paper-out', 'paper end');
  expect(await heard).toMatchObject({ state: 'paper-out' });
  const r = await t.issue('consult');
  expect(r.status).toBe(201);
  expect(r.body.print).toBe('failed');
  expect((await t.api('GET', `/api/v1/tickets/${r.body.id}`)).body.status).toBe('waiting');
  expect((await t.api('GET', '/api/v1/health')).body.devices).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'sim-printer-K1', state: 'paper-out' })]));
  devices.simulatedPrinter('K1')!.setState('simulated');
});

it('serves the citizen\'s phone view of a ticket, with no personal data', async () => {
  const r = await t.issue('mediation', { phone: '13700001234' });
  const page = await fetch(`${t.url}/t/${r.body.id}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(r.body.number);
  expect(html).toContain('人民调解');
  expect(html).not.toContain('13700001234');
  expect((await fetch(`${t.url}/t/nope`)).status).toBe(404);
});

it('a reprint is explicit, recorded in the ledger, and prints once per request', async () => {
  const r = await t.issue('notary');
  const printer = devices.simulatedPrinter('K1')!;
  const before = printer.jobs.length;
  expect((await t.api('POST', `/api/v1/tickets/${r.body.id}/reprint`, { body: {} })).body.error.field).toBe('kioskId');
  const again = await t.api('POST', `/api/v1/tickets/${r.body.id}/reprint`, { body: { kioskId: 'K1' } });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ number: r.body.number, print: 'queued' });
  expect(printer.jobs.length).toBe(before + 1);
  expect(printer.jobs.at(-1)!.text).toContain(r.body.number);
  const recorded = (await t.hub.store.readEvents(0, 10_000)).filter((e) => e.type === 'ticket.reprinted');
  expect(recorded.map((e) => (e.data as { ticketId: string }).ticketId)).toEqual([r.body.id]);
  expect((await t.api('POST', '/api/v1/tickets/nope/reprint', { body: { kioskId: 'K1' } })).status).toBe(404);
});
