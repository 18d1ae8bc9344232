// Real FF68 keypad and rating pad on a pty (socat) wired to a real hub: the keypad acts as the staff
// member signed in at its window, a rating binds once, a keypad at an unstaffed window does nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FF68_FUNC } from '../../devices/pads/ff68.js';
import { Ff68BusSim } from '../../devices/sim/ff68-sim.js';
import { SerialTransport } from '../../devices/transport/serial.js';
import { PtyPair } from '../devices/support/pty-pair.js';
import { waitFor } from '../devices/support/wait.js';
import { startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

let pair: PtyPair;
let simSide: SerialTransport;
let sim: Ff68BusSim;
let t: TestHub & { cleanup(): Promise<void> };

beforeAll(async () => {
  pair = await PtyPair.start();
  simSide = new SerialTransport({ path: pair.b, baudRate: 9600 });
  await simSide.open();
  sim = new Ff68BusSim(simSide, { ackTimeoutMs: 400 });
  const bus = { transport: 'serial' as const, protocol: 'ff68' as const, path: pair.a, baudRate: 9600 };
  t = await startTestHub({
    config: testConfig({
      devices: [
        { id: 'keys-4', kind: 'keypad', window: '4', address: 4, ...bus },
        { id: 'pad-4', kind: 'rating-pad', window: '4', address: 4, ...bus },
        { id: 'keys-5', kind: 'keypad', window: '5', address: 5, ...bus },
      ],
    }),
  });
  await waitFor('bus up', () => t.hub.health().devices.filter((d) => d.id === 'keys-4' || d.id === 'pad-4').every((d) => d.state === 'ok'));
});

afterAll(async () => {
  await t?.cleanup();
  await simSide?.close();
  await pair?.stop();
});

const events = async (type: string) => (await t.hub.store.readEvents(0, 10_000)).filter((e) => e.type === type);

it('call-next on the keypad calls as the signed-in staff; the pad rates that visit once', async () => {
  const tok = await t.staffAt('fang.jie', '4');
  const staffId = t.hub.signedInAt('4');
  const ticket = await t.issue('legal-aid');
  await sim.press(4, 'call-next');
  await waitFor('called', async () => (await events('ticket.called')).length === 1);
  expect((await events('ticket.called'))[0]!.data).toMatchObject({ ticketId: ticket.body.id, windowId: '4', staffId });
  // the hub shows the called number (its last three digits) on the keypad's display
  const digits = [...ticket.body.number.slice(-3)].map(Number);
  await waitFor('number shown', () => sim.fromHost.some((f) => f.address === 4 && f.func === FF68_FUNC.showNumber && [...f.data.slice(3)].join() === digits.join()));
  await t.api('POST', '/api/v1/windows/4/finish', { token: tok, body: { matter: '法律援助申请', outcome: '已受理' } });
  await sim.rate(4, 2); // default map: key 2 = basic
  await waitFor('rated', async () => (await events('ticket.rated')).length === 1);
  await sim.rate(4, 0); // a second press finds nothing awaiting a rating
  await new Promise((r) => setTimeout(r, 300));
  const rated = await events('ticket.rated');
  expect(rated).toHaveLength(1);
  expect(rated[0]!.data).toMatchObject({ ticketId: ticket.body.id, score: 'basic', source: 'pad' });
  expect(await events('follow-up.opened')).toHaveLength(1);
});

it('a keypad at a window nobody is signed in to beeps an error and changes nothing', async () => {
  await t.issue('mediation');
  const before = (await events('ticket.called')).length;
  await sim.press(5, 'call-next');
  await waitFor('error beep', () => sim.fromHost.some((f) => f.address === 5 && f.func === FF68_FUNC.beep));
  await new Promise((r) => setTimeout(r, 300));
  expect((await events('ticket.called')).length).toBe(before);
});
