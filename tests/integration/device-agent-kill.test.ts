// The device agent against the built hub as a child process that is killed with SIGKILL (no shutdown,
// no flush) while the agent sends ratings, and started again on the same port and data: every
// rating lands exactly once — the press is either in the ledger (a resend is a duplicate) or kept in
// the agent's outbox until the hub is back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startAgent, type DeviceAgent } from '../../devices/agent/agent.js';
import { parseAgentConfig } from '../../devices/agent/config.js';
import type { HubPort } from '../../devices/contract.js';
import { SimulatedRatingPad } from '../../devices/simulated.js';
import { SqliteStore } from '../../server/ledger/sqlite-store.js';
import { waitFor } from '../devices/support/wait.js';
import { testConfig } from '../support/hub-harness.js';
import { killed, spawnHub, type SpawnedHub } from '../support/spawn-hub.js';

const KEY = 'agent-key-kill-0123456789';
const ADMIN = 'kill-test-admin-123';
const dir = mkdtempSync(join(tmpdir(), 'yichuang-agent-kill-'));
const configFile = join(dir, 'center.json');
const device = { id: 'pad-5', kind: 'rating-pad', window: '5', transport: 'hid', vendorId: 1, productId: 2, agent: 'A1' } as const;
writeFileSync(configFile, JSON.stringify(testConfig({ agents: [{ id: 'A1', key: KEY }], devices: [device] })));
const env = { YICHUANG_DATA: join(dir, 'data'), YICHUANG_CONFIG: configFile, YICHUANG_ADMIN_PASSWORD: ADMIN };

let hub: SpawnedHub | undefined;
let agent: DeviceAgent | undefined;
afterAll(async () => {
  await agent?.close();
  if (hub) {
    hub.child.kill('SIGKILL');
    await killed(hub.child);
  }
  rmSync(dir, { recursive: true, force: true });
});

async function call(url: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

it('kill -9 the hub while the agent sends ratings and start it again: each rating lands exactly once', async () => {
  hub = await spawnHub(env);
  const url = hub.url;
  const port = new URL(url).port;
  const login = async (username: string, password: string) => (await call(url, 'POST', '/api/v1/auth/login', undefined, { username, password })).body.token as string;
  const admin = await login('admin', ADMIN);
  const created = await call(url, 'POST', '/api/v1/staff', admin, { username: 'tang.wei', password: 'pw-tang.wei-123', name: '唐伟', title: '调解员', employeeNo: 'T001', role: 'staff' });
  expect(created.status).toBe(201);
  const staff = await login('tang.wei', 'pw-tang.wei-123');
  expect((await call(url, 'POST', '/api/v1/windows/5/sign-in', staff)).status).toBe(200);

  let pad!: SimulatedRatingPad;
  const sent: string[] = [];
  agent = startAgent(
    parseAgentConfig({ hub: url, agentId: 'A1', key: KEY, outbox: join(dir, 'outbox.jsonl'), windows: ['5'], devices: [device], ackTimeoutMs: 2000, reconnectDelayMs: 50, reconnectDelayMaxMs: 300 }),
    {
      log: () => undefined,
      createManager: (port: HubPort) => {
        pad = new SimulatedRatingPad('pad-5', '5', port.healthChanged, port);
        return { print: async () => 'none', health: () => [pad.health], close: async () => undefined };
      },
    },
  );
  agent.on('sent', (id: string) => sent.push(id));
  const a = agent;
  await waitFor('agent connected', () => a.connected, 15_000);

  const restart = async (): Promise<void> => {
    hub = await spawnHub({ ...env, PORT: port });
  };
  const kill = async (): Promise<void> => {
    const child = hub!.child;
    child.kill('SIGKILL');
    await killed(child);
  };

  const rounds = 6;
  const rated: string[] = [];
  for (let r = 0; r < rounds; r++) {
    // a visit served and finished at window 5: the next pad press rates it
    const ticket = await call(hub.url, 'POST', '/api/v1/tickets', admin, { serviceId: 'mediation', kioskId: 'K1' });
    expect(ticket.status).toBe(201);
    expect((await call(hub.url, 'POST', '/api/v1/windows/5/call-next', staff)).status).toBe(200);
    expect((await call(hub.url, 'POST', '/api/v1/windows/5/finish', staff, { matter: '邻里纠纷调解', outcome: '调解成功' })).status).toBe(200);
    rated.push(ticket.body.id);
    if (r % 3 === 0) {
      pad.press('satisfied'); // the hub stays up
    } else if (r % 3 === 1) {
      pad.press('satisfied'); // killed right away: the press, its commit or its ack may be lost
      await kill();
      await restart();
    } else {
      await kill(); // pressed while the hub is dead: kept in the outbox, sent when it is back
      pad.press('satisfied');
      expect(a.pending()).toHaveLength(1);
      await restart();
    }
    await waitFor(`round ${r}: outbox drained`, () => a.connected && a.pending().length === 0, 20_000);
  }

  const ids = [...new Set(sent)];
  expect(ids).toHaveLength(rounds);
  for (const id of ids) expect(a.outbox.answer(id)).toMatchObject({ ok: true });
  hub.child.kill('SIGTERM');
  await killed(hub.child);
  hub = undefined;

  const store = new SqliteStore(join(env.YICHUANG_DATA, 'ledger.sqlite'));
  try {
    const ratings = (await store.readEvents(0, 100_000)).filter((e) => e.type === 'ticket.rated').map((e) => (e.data as { ticketId: string }).ticketId);
    expect(ratings).toEqual(rated); // each visit rated once, in order, none twice
  } finally {
    await store.close();
  }
});
