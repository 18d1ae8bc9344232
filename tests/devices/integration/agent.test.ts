// The device agent against a real hub over loopback socket.io: handshake keys, presses that land
// exactly once across hub and agent restarts (durable outbox), printing and card reads through the
// agent, and agent devices in /api/v1/health (offline while their agent is away).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent, type DeviceAgent } from '../../../devices/agent/agent.js';
import { parseAgentConfig } from '../../../devices/agent/config.js';
import { Outbox } from '../../../devices/agent/outbox.js';
import { AGENT_NAMESPACE, type Press, type PressAck } from '../../../devices/agent/protocol.js';
import type { HubPort } from '../../../devices/contract.js';
import { SimulatedIdReader, SimulatedKeypad, SimulatedPrinter, SimulatedRatingPad } from '../../../devices/simulated.js';
import { once, startTestHub, testConfig, type TestHub } from '../../support/hub-harness.js';
import { RESIDENT } from '../support/identities.js';
import { waitFor } from '../support/wait.js';

const KEY = 'agent-key-0123456789';
const DEVICES = [
  { id: 'printer-k1', kind: 'printer', kiosk: 'K1', transport: 'tcp', host: '127.0.0.1', agent: 'A1' },
  { id: 'idcard-k1', kind: 'idcard', kiosk: 'K1', transport: 'serial', path: '/dev/null-agent', agent: 'A1' },
  { id: 'pad-5', kind: 'rating-pad', window: '5', transport: 'hid', vendorId: 1, productId: 2, agent: 'A1' },
  { id: 'keys-5', kind: 'keypad', window: '5', transport: 'hid', vendorId: 1, productId: 3, agent: 'A1' },
] as const;

interface TestAgent {
  agent: DeviceAgent;
  printer: SimulatedPrinter;
  reader: SimulatedIdReader;
  pad: SimulatedRatingPad;
  keypad: SimulatedKeypad;
  /** Every press id the agent sent (each attempt). */
  sent: string[];
}

let t: TestHub & { cleanup(): Promise<void> };
let dir: string;
let agents: DeviceAgent[] = [];
let staffId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yichuang-agent-'));
  t = await startTestHub({ config: testConfig({ agents: [{ id: 'A1', name: '取号机电脑', key: KEY }], devices: DEVICES.map((d) => ({ ...d })) }) });
  t.port = Number(new URL(t.url).port); // restarts come back on the same port
  await t.staffAt('tang.wei', '5');
  staffId = t.hub.signedInAt('5')!;
});

afterEach(async () => {
  for (const a of agents) await a.close();
  agents = [];
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** An agent whose devices are the in-process simulated ones, under the configured ids. */
function startTestAgent(over: Record<string, unknown> = {}): TestAgent {
  const config = parseAgentConfig({
    hub: t.url,
    agentId: 'A1',
    key: KEY,
    outbox: join(dir, 'outbox.jsonl'),
    kiosks: ['K1'],
    windows: ['5'],
    devices: DEVICES.map((d) => ({ ...d })),
    ackTimeoutMs: 2000,
    reconnectDelayMs: 50,
    reconnectDelayMaxMs: 200,
    ...over,
  });
  let devices!: Omit<TestAgent, 'agent' | 'sent'>;
  const agent = startAgent(config, {
    log: () => undefined,
    createManager: (port: HubPort) => {
      const onHealth = port.healthChanged;
      devices = {
        printer: new SimulatedPrinter('printer-k1', 'K1', onHealth),
        reader: new SimulatedIdReader('idcard-k1', 'K1', onHealth, (r) => port.identityRead('K1', r)),
        pad: new SimulatedRatingPad('pad-5', '5', onHealth, port),
        keypad: new SimulatedKeypad('keys-5', '5', onHealth, port),
      };
      return {
        print: (_kiosk, job) => devices.printer.print(job),
        health: () => [devices.printer.health, devices.reader.health, devices.pad.health, devices.keypad.health],
        close: async () => undefined,
      };
    },
  });
  agents.push(agent);
  const sent: string[] = [];
  agent.on('sent', (id: string) => sent.push(id));
  return { agent, sent, ...devices };
}

async function connected(a: TestAgent): Promise<void> {
  await waitFor('agent connected', () => a.agent.connected);
}

const events = async (type: string) => (await t.hub.store.readEvents(0, 100_000)).filter((e) => e.type === type);

/** A ticket served and finished at window 5: the next pad press rates it. */
async function awaitingRating(): Promise<void> {
  expect((await t.issue('mediation')).status).toBe(201);
  await t.hub.windowAction('5', 'call-next', staffId);
  await t.hub.windowAction('5', 'finish', staffId);
}

function rawAgentSocket(auth: Record<string, string>): Socket {
  return ioClient(`${t.url}${AGENT_NAMESPACE}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

describe('handshake', () => {
  it('refuses a wrong or missing key and an unknown agent with {code, message}', async () => {
    for (const [auth, code] of [
      [{ agentId: 'A1', key: 'wrong-key-0123456789' }, 'agent-key'],
      [{ agentId: 'A1' }, 'agent-key'],
      [{ agentId: 'B9', key: KEY }, 'unknown-agent'],
    ] as const) {
      const s = rawAgentSocket(auth);
      const err = await once<Error & { data: { code: string; message: string } }>(s, 'connect_error');
      expect(err.data).toEqual({ code, message: expect.any(String) });
      s.close();
    }
    const a = startTestAgent({ key: 'wrong-key-0123456789' });
    const refusals: { code: string }[] = [];
    a.agent.on('refused', (r: { code: string }) => refusals.push(r));
    await waitFor('refused', () => refusals.length > 0);
    expect(refusals[0]).toMatchObject({ code: 'agent-key' });
    expect(a.agent.connected).toBe(false);
  });
});

describe('presses', () => {
  it('a rating press lands once; a resend of the same id is a duplicate; refusals are final', async () => {
    const a = startTestAgent();
    await connected(a);
    await awaitingRating();
    a.pad.press('very-satisfied');
    const id = await waitFor('press answered', () => (a.sent[0] !== undefined && a.agent.outbox.answer(a.sent[0]) ? a.sent[0] : undefined));
    expect(a.agent.outbox.answer(id)).toEqual({ ok: true });
    expect(id).toMatch(/^A1:[0-9a-f-]{36}$/);
    const rated = await events('ticket.rated');
    expect(rated).toHaveLength(1);
    expect(rated[0]!.data).toMatchObject({ score: 'very-satisfied' });

    // the same press again over the wire (as after a lost ack): acked as a duplicate, nothing new
    const raw = rawAgentSocket({ agentId: 'A1', key: KEY });
    const press: Press = { id, kind: 'rating', windowId: '5', score: 'very-satisfied', deviceId: 'pad-5' };
    expect(await raw.emitWithAck('press', press)).toEqual({ ok: true, duplicate: true });
    // a new press with nothing awaiting a rating is refused, and that is a final answer
    const refused = (await raw.emitWithAck('press', { ...press, id: 'A1:other' })) as PressAck;
    expect(refused).toMatchObject({ ok: false, code: expect.any(String), message: expect.any(String) });
    expect(refused).not.toHaveProperty('retry');
    // a window this agent does not serve, and a malformed press
    expect(await raw.emitWithAck('press', { ...press, id: 'A1:w4', windowId: '4' })).toMatchObject({ ok: false, code: 'not-this-agent' });
    expect(await raw.emitWithAck('press', { id: 'A1:bad', kind: 'rating', windowId: '5' })).toMatchObject({ ok: false, code: 'bad-press' });
    raw.close();
    expect(await events('ticket.rated')).toHaveLength(1);

    // the agent's own refused press is recorded as answered and never sent again
    a.pad.press('basic');
    await waitFor('refusal answered', () => a.sent.length === 2 && a.agent.outbox.answer(a.sent[1]!));
    expect(a.agent.outbox.answer(a.sent[1]!)).toMatchObject({ ok: false });
    expect(a.agent.pending()).toEqual([]);
  });

  it('a keypad press acts as the staff member signed in at the window', async () => {
    const a = startTestAgent();
    await connected(a);
    await t.issue('mediation');
    a.keypad.press('call-next');
    await waitFor('call answered', () => a.sent[0] !== undefined && a.agent.outbox.answer(a.sent[0]));
    expect(a.agent.outbox.answer(a.sent[0]!)).toEqual({ ok: true });
    expect(await events('ticket.called')).toHaveLength(1);
    expect(t.hub.state.windows.get('5')?.currentTicketId).toBeDefined();
  });

  it('kill and restart the hub while the agent sends ratings: each lands exactly once', async () => {
    const a = startTestAgent();
    await connected(a);
    const drained = () => waitFor('outbox drained', () => a.agent.connected && a.agent.pending().length === 0, 15_000);
    const rounds = 9;
    for (let r = 0; r < rounds; r++) {
      await awaitingRating();
      if (r % 3 === 0) {
        a.pad.press('satisfied'); // plain: hub up the whole time
      } else if (r % 3 === 1) {
        a.pad.press('satisfied'); // the hub goes down right away: the press or its ack may be lost
        await t.restart();
      } else {
        await t.stop(); // pressed while the hub is down: kept in the outbox, sent on reconnect
        a.pad.press('satisfied');
        expect(a.agent.pending()).toHaveLength(1);
        await t.start();
      }
      await drained();
    }
    expect(await events('ticket.rated')).toHaveLength(rounds);
    const ids = [...new Set(a.sent)];
    expect(ids).toHaveLength(rounds);
    for (const id of ids) expect(a.agent.outbox.answer(id)).toMatchObject({ ok: true });
    // every ledger rating carries one of the agent's press ids exactly once
    expect(t.hub.state.applied.size).toBeGreaterThanOrEqual(rounds);
    for (const id of ids) expect(t.hub.state.applied.has(id)).toBe(true);
  });

  it('an agent restarted with its outbox resends only the unacked presses', async () => {
    const a = startTestAgent();
    await connected(a);
    await awaitingRating();
    a.pad.press('satisfied');
    await waitFor('first answered', () => a.sent[0] !== undefined && a.agent.outbox.answer(a.sent[0]));
    const first = a.sent[0]!;

    await awaitingRating();
    await t.stop();
    a.pad.press('dissatisfied');
    const [unacked] = a.agent.pending();
    expect(unacked).toMatchObject({ kind: 'rating', score: 'dissatisfied' });
    await a.agent.close();
    await t.start();

    const b = startTestAgent();
    expect(b.agent.pending()).toEqual([unacked]);
    await waitFor('resent and answered', () => b.agent.connected && b.agent.pending().length === 0, 10_000);
    expect(b.sent).toEqual([unacked!.id]);
    expect(b.sent).not.toContain(first);
    const rated = await events('ticket.rated');
    expect(rated.map((e) => (e.data as { score: string }).score)).toEqual(['satisfied', 'dissatisfied']);
  });
});

describe('lost acks', () => {
  it('a press the hub applied but whose ack never reached the outbox is resent and acked as a duplicate', async () => {
    await awaitingRating();
    const press: Press = { id: 'A1:lost-ack', kind: 'rating', windowId: '5', score: 'basic', deviceId: 'pad-5' };
    const raw = rawAgentSocket({ agentId: 'A1', key: KEY });
    expect(await raw.emitWithAck('press', press)).toEqual({ ok: true });
    raw.close();
    // the agent crashed after sending: its outbox still holds the press as unanswered
    const outbox = Outbox.open(join(dir, 'outbox.jsonl'));
    outbox.add(press);
    outbox.close();

    const a = startTestAgent();
    expect(a.agent.pending()).toEqual([press]);
    await waitFor('resent', () => a.agent.connected && a.agent.pending().length === 0);
    expect(a.sent).toEqual([press.id]);
    expect(a.agent.outbox.answer(press.id)).toEqual({ ok: true, duplicate: true });
    expect(await events('ticket.rated')).toHaveLength(1);
  });
});

describe('printing, card reads and health', () => {
  it('prints at a kiosk served by an agent through the agent; failed when the agent is offline', async () => {
    const a = startTestAgent();
    await connected(a);
    await waitFor('printer reported', () => t.hub.health().devices.find((d) => d.id === 'printer-k1')?.state === 'simulated');

    const issued = await t.issue('mediation');
    expect(issued.body.print).toBe('queued');
    expect(a.printer.jobs).toHaveLength(1);
    expect(a.printer.jobs[0]!.job).toMatchObject({ number: issued.body.number, ticketId: issued.body.id });

    const health = await t.api('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    const ids = (health.body.devices as { id: string }[]).map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['printer-k1', 'idcard-k1', 'pad-5', 'keys-5']));
    // the hub simulates nothing for a kiosk or window whose devices run in an agent
    expect(ids).not.toContain('sim-printer-K1');
    expect(ids).not.toContain('sim-pad-5');
    expect(health.body.devices).toContainEqual({ id: 'pad-5', kind: 'rating-pad', state: 'simulated' });

    const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
    expect(await once(kiosk, 'printer')).toEqual({ state: 'simulated' });
    const offlineEvent = once(kiosk, 'printer');
    await a.agent.close();
    expect(await offlineEvent).toMatchObject({ state: 'offline', detail: expect.stringContaining('A1') });

    const after = await t.api('GET', '/api/v1/health');
    const agentDevices = (after.body.devices as { id: string; state: string; detail?: string }[]).filter((d) => DEVICES.some((x) => x.id === d.id));
    expect(agentDevices).toHaveLength(DEVICES.length);
    for (const d of agentDevices) expect(d).toMatchObject({ state: 'offline', detail: expect.stringContaining('agent A1 not connected') });

    expect((await t.issue('mediation')).body.print).toBe('failed');
    expect(a.printer.jobs).toHaveLength(1);
  });

  it('a card read at the agent reaches that kiosk screen, masked, with an identity token', async () => {
    const a = startTestAgent();
    await connected(a);
    const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
    await once(kiosk, 'printer');
    const read = once(kiosk, 'idcard');
    a.reader.placeCard(RESIDENT);
    const got = await read;
    expect(got).toMatchObject({ identityToken: expect.any(String), cardType: 'resident' });
    expect(got.nameMasked).not.toBe(RESIDENT.name);
    expect(JSON.stringify(got)).not.toContain(RESIDENT.idNumber);
  });
});
