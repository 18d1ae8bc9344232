// `npm run central` and `YICHUANG_CENTRAL_URL` as shipped: the built city server and a built site hub
// as child processes on a real PostgreSQL. A bad environment stops the city server with a message
// naming the variable; a hub started with the central URL shows up in the city view with its tickets.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../bench/postgres-server.js';
import { killed, spawnHub, type SpawnedHub } from '../support/spawn-hub.js';

const CENTRAL_MAIN = resolve(import.meta.dirname, '../../dist/server/central/main.js');
const PASSWORD = 'city-process-pw';

function runCentral(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  if (!existsSync(CENTRAL_MAIN)) throw new Error(`${CENTRAL_MAIN} is missing: run \`npm run build\` first (scripts/test-all.sh does)`);
  const clean = { ...process.env };
  delete clean.YICHUANG_LEDGER_URL;
  const child = spawn(process.execPath, [CENTRAL_MAIN], { env: { ...clean, HOST: '127.0.0.1', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve(probe()).catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run central and a site hub with YICHUANG_CENTRAL_URL', () => {
  let pgServer: PostgresServer;
  let url: string;
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    pgServer = await startPostgres();
    url = pgServer.createDatabase('city_process');
  });
  afterAll(async () => {
    for (const c of children) {
      c.kill('SIGTERM');
      await killed(c);
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    pgServer?.stop();
  });

  it('refuses to start without a central database URL, naming the variable', async () => {
    const c = runCentral({ YICHUANG_ADMIN_PASSWORD: PASSWORD });
    expect(await c.exited).toBe(1);
    expect(c.output()).toMatch(/YICHUANG_LEDGER_URL: is required/);
    const bad = runCentral({ YICHUANG_LEDGER_URL: 'mysql://x', YICHUANG_ADMIN_PASSWORD: PASSWORD });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/YICHUANG_LEDGER_URL: must be a postgres/);
  });

  it('a site hub started with YICHUANG_CENTRAL_URL appears in the city view with its tickets', async () => {
    const city = runCentral({ YICHUANG_LEDGER_URL: url, YICHUANG_ADMIN_PASSWORD: PASSWORD });
    children.push(city.child);
    const cityUrl = await until('the city server to listen', () => /listening on (http:\/\/\S+)/.exec(city.output())?.[1]);
    const data = mkdtempSync(join(tmpdir(), 'yichuang-site-'));
    dirs.push(data);
    const hub: SpawnedHub = await spawnHub({ YICHUANG_DATA: data, YICHUANG_ADMIN_PASSWORD: 'site-admin-pw', YICHUANG_CENTRAL_URL: url });
    children.push(hub.child);
    await until('the hub to announce its city link', () => hub.output().includes('city link        replicating as site DEMO-PLSC'), 5000);
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${hub.url}/api/v1/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'consult', kioskId: 'K1' }) });
      expect(r.status).toBe(201);
    }
    const login = await fetch(`${cityUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const row = await until('the site in the city view', async () => {
      const r = await fetch(`${cityUrl}/api/v1/central/sites`, { headers: { authorization: `Bearer ${token}` } });
      const list = (await r.json()) as { site: string; issued: number; status: string; name: string }[];
      return list.find((s) => s.site === 'DEMO-PLSC' && s.issued === 3);
    });
    expect(row).toMatchObject({ status: 'ok', name: '示范县公共法律服务中心' });
  });
});
