// A device agent with its real drivers on real ptys (socat), joined to a real hub over socket.io:
// the FF68 keypad and pad of window 5 and the SAM reader of kiosk K1 run in the agent, simulators sit
// on the other ends. The hub shows called numbers on the agent's keypad, beeps it when nobody is
// signed in, starts ratings through it; an invalid card reaches the kiosk as "invalid card", never
// as an identity — also when an agent sends one anyway.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startAgent, type DeviceAgent } from '../../devices/agent/agent.js';
import { parseAgentConfig } from '../../devices/agent/config.js';
import { AGENT_NAMESPACE } from '../../devices/agent/protocol.js';
import { FF68_FUNC, type Ff68Frame } from '../../devices/pads/ff68.js';
import { Ff68BusSim } from '../../devices/sim/ff68-sim.js';
import { SamReaderSim } from '../../devices/sim/sam-reader-sim.js';
import { SerialTransport } from '../../devices/transport/serial.js';
import { FOREIGN_2023, RESIDENT, withWrongCheck } from '../devices/support/identities.js';
import { PtyPair } from '../devices/support/pty-pair.js';
import { waitFor } from '../devices/support/wait.js';
import { once, startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

const KEY = 'agent-key-0123456789';
let busPty: PtyPair;
let cardPty: PtyPair;
let busEnd: SerialTransport;
let cardEnd: SerialTransport;
let keypad: Ff68BusSim;
let reader: SamReaderSim;
let t: TestHub & { cleanup(): Promise<void> };
let agent: DeviceAgent;
let dir: string;

const devices = () => [
  { id: 'keys-5', kind: 'keypad', window: '5', transport: 'serial', protocol: 'ff68', path: busPty.a, baudRate: 9600, address: 5, agent: 'A1' },
  { id: 'pad-5', kind: 'rating-pad', window: '5', transport: 'serial', protocol: 'ff68', path: busPty.a, baudRate: 9600, address: 5, agent: 'A1' },
  { id: 'idcard-k1', kind: 'idcard', kiosk: 'K1', transport: 'serial', path: cardPty.a, baudRate: 115200, agent: 'A1' },
] as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yichuang-agent-pty-'));
  [busPty, cardPty] = await Promise.all([PtyPair.start(), PtyPair.start()]);
  busEnd = new SerialTransport({ path: busPty.b, baudRate: 9600 });
  cardEnd = new SerialTransport({ path: cardPty.b, baudRate: 115200 });
  await Promise.all([busEnd.open(), cardEnd.open()]);
  keypad = new Ff68BusSim(busEnd, { ackTimeoutMs: 400 });
  reader = new SamReaderSim(cardEnd);
  t = await startTestHub({ config: testConfig({ agents: [{ id: 'A1', key: KEY }], devices: [...devices()] }) });
  agent = startAgent(
    parseAgentConfig({ hub: t.url, agentId: 'A1', key: KEY, outbox: join(dir, 'outbox.jsonl'), kiosks: ['K1'], windows: ['5'], devices: devices(), reconnectDelayMs: 50, reconnectDelayMaxMs: 200 }),
    { log: () => undefined },
  );
  await waitFor('agent devices up', () => agent.connected && ['keys-5', 'pad-5', 'idcard-k1'].every((id) => t.hub.health().devices.find((d) => d.id === id)?.state === 'ok'), 15_000);
});

afterAll(async () => {
  await agent?.close();
  await t?.cleanup();
  await Promise.allSettled([busEnd?.close(), cardEnd?.close()]);
  await Promise.allSettled([busPty?.stop(), cardPty?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  keypad.fromHost.length = 0;
  reader.removeCard();
});

const events = async (type: string) => (await t.hub.store.readEvents(0, 100_000)).filter((e) => e.type === type);
const hostFrames = (func: number): Ff68Frame[] => keypad.fromHost.filter((f) => f.address === 5 && f.func === func);

it('with nobody signed in, a keypad key at the agent beeps that keypad and changes nothing', async () => {
  await t.issue('mediation');
  expect(await keypad.press(5, 'call-next')).toBe(1);
  await waitFor('error beep at the agent keypad', () => hostFrames(FF68_FUNC.beep).length === 1);
  expect(agent.pending()).toEqual([]);
  expect(await events('ticket.called')).toHaveLength(0);
  expect(hostFrames(FF68_FUNC.showNumber)).toEqual([]);
});

it('call-next at the agent calls as the signed-in staff and the hub shows the number on that keypad; ask-rating starts the pad', async () => {
  const token = await t.staffAt('tang.wei', '5');
  const staffId = t.hub.signedInAt('5');
  await t.issue('mediation');
  await sleep(1100); // the same frame within a second is the keypad repeating the first test's press
  expect(await keypad.press(5, 'call-next')).toBe(1);
  await waitFor('called', async () => (await events('ticket.called')).length === 1);
  const called = (await events('ticket.called'))[0]!.data as { ticketId: string; windowId: string; staffId: string };
  expect(called).toMatchObject({ windowId: '5', staffId });
  const number = t.hub.state.tickets.get(called.ticketId)!.number;
  const digits = [...number.slice(-3)].map(Number);
  await waitFor('number on the agent keypad', () => hostFrames(FF68_FUNC.showNumber).some((f) => [...f.data.slice(3)].join() === digits.join()));
  expect(hostFrames(FF68_FUNC.beep)).toEqual([]);

  // a recall from the window console shows the number again, through the agent
  expect((await t.api('POST', '/api/v1/windows/5/recall', { token })).status).toBe(200);
  await waitFor('number shown again', () => hostFrames(FF68_FUNC.showNumber).length === 2);

  expect((await t.api('POST', '/api/v1/windows/5/finish', { token, body: { matter: '婚姻家庭纠纷咨询', outcome: '已解答' } })).status).toBe(200);
  keypad.fromHost.length = 0;
  expect(await keypad.press(5, 'ask-rating')).toBe(1);
  // start rating is FUNC 01 with key 0B, sent by the host this time
  await waitFor('start rating at the agent keypad', () => hostFrames(FF68_FUNC.keypad).some((f) => f.data.at(-1) === 0x0b));
  await keypad.rate(5, 0);
  await waitFor('rated', async () => (await events('ticket.rated')).length === 1);
  expect((await events('ticket.rated'))[0]!.data).toMatchObject({ ticketId: called.ticketId, score: 'very-satisfied', source: 'pad' });
  await keypad.rate(5, 3); // nothing awaits a rating any more
  await waitFor('second press answered', () => agent.pending().length === 0);
  expect(await events('ticket.rated')).toHaveLength(1);
});

it('a card with a bad check character at the agent reader reaches the kiosk as "invalid card", never an identity', async () => {
  const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
  await once(kiosk, 'printer');
  const identities: unknown[] = [];
  kiosk.on('idcard', (x) => identities.push(x));
  const error = once<Record<string, unknown>>(kiosk, 'idcard-error', 8000);
  reader.placeCard({ ...RESIDENT, idNumber: withWrongCheck(RESIDENT.idNumber.slice(0, 17)) });
  expect(await error).toEqual({ error: 'invalid card', message: expect.stringContaining('证件无效'), cardType: 'resident' });
  // one event per placement: the card left on the reader is not read again
  await sleep(1500);
  expect(identities).toEqual([]);

  reader.removeCard();
  await sleep(1200);
  const read = once<Record<string, unknown>>(kiosk, 'idcard', 8000);
  reader.placeCard(FOREIGN_2023);
  const got = await read;
  expect(got).toMatchObject({ cardType: 'foreign-permanent-2023', identityToken: expect.any(String) });
  expect(JSON.stringify(got)).not.toContain(FOREIGN_2023.idNumber);
});

it('the hub checks an agent\'s card read again: a malformed identity or a bad check character becomes "invalid card"', async () => {
  const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
  await once(kiosk, 'printer');
  const identities: unknown[] = [];
  kiosk.on('idcard', (x) => identities.push(x));
  const raw = ioClient(`${t.url}${AGENT_NAMESPACE}`, { auth: { agentId: 'A1', key: KEY }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await once(raw, 'connect');
    const bad = { ...RESIDENT, idNumber: withWrongCheck(RESIDENT.idNumber.slice(0, 17)) };
    let error = once<Record<string, unknown>>(kiosk, 'idcard-error');
    raw.emit('identity', { kioskId: 'K1', identity: bad });
    expect(await error).toEqual({ error: 'invalid card', message: expect.any(String), cardType: 'resident' });
    error = once<Record<string, unknown>>(kiosk, 'idcard-error');
    raw.emit('identity', { kioskId: 'K1', identity: { ...RESIDENT, birthDate: '1950/03/07' } });
    expect(await error).toMatchObject({ error: 'invalid card' });
    error = once<Record<string, unknown>>(kiosk, 'idcard-error');
    raw.emit('identity', { kioskId: 'K1', error: 'read failed', reason: 'truncated frame (timeout)' });
    expect(await error).toEqual({ error: 'read failed', message: expect.stringContaining('读卡失败') });
    // a kiosk this agent does not serve hears nothing
    raw.emit('identity', { kioskId: 'K2', identity: RESIDENT });
    await sleep(300);
    expect(identities).toEqual([]);
  } finally {
    raw.close();
  }
});
