// A real hub (SQLite in a temp folder, real HTTP server on loopback) for integration tests, with a
// clock the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app.js';
import { demoCenter } from '../../server/config/demo-center.js';
import { parseConfig } from '../../server/config/load-config.js';
import type { CenterConfigInput } from '../../server/config/schema.js';
import { attachDevices } from '../../server/device-bridge.js';
import { Hub } from '../../server/hub.js';
import { loadSecrets } from '../../server/ledger/secrets.js';
import { openTestStore } from './test-store.js';
import { startReplication } from '../../server/central/site-link.js';
import type { Replicator, ReplicatorOptions } from '../../server/central/replicator.js';

export const ADMIN_PASSWORD = 'admin-secret-123';

export class ManualClock {
  constructor(public ms = Date.parse('2026-11-23T09:00:00+08:00')) {}
  now = () => this.ms;
  advance(minutes: number) {
    this.ms += minutes * 60_000;
  }
  set(iso: string) {
    this.ms = Date.parse(iso);
  }
}

export interface ApiReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class TestHub {
  hub!: Hub;
  server!: RunningServer;
  readonly tokens = new Map<string, string>();
  private sockets: Socket[] = [];
  /** Listening port; 0 (default) picks a free one. Set it to `new URL(url).port` to restart on the same port. */
  port: number;
  /** Replicate to a central (city) database, as `YICHUANG_CENTRAL_URL` does. */
  central: { url: string; tuning?: Omit<ReplicatorOptions, 'url' | 'site' | 'store'> } | undefined;
  cityLink: Replicator | undefined;

  constructor(readonly dataDir: string, readonly config: CenterConfigInput, readonly clock: ManualClock, port = 0) {
    this.port = port;
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    const config = parseConfig(this.config, 'test');
    const store = await openTestStore(this.dataDir);
    this.hub = await Hub.open({ config, demo: false, store, secrets: loadSecrets(this.dataDir, undefined), clock: this.clock, adminPassword: ADMIN_PASSWORD, log: () => {}, dataDir: this.dataDir });
    this.server = await startServer(this.hub, { port: this.port, host: '127.0.0.1' });
    attachDevices(this.hub, this.server.io); // simulated printers, readers and pads, as in the demo
    if (this.central) this.cityLink = startReplication(this.hub, this.central.url, { log: () => {}, ...this.central.tuning });
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.disconnect();
    this.sockets = [];
    await this.server.close();
    await this.cityLink?.stop();
    await this.hub.close();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async api<T = any>(method: string, path: string, opts: { token?: string; as?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<ApiReply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token ?? (opts.as ? await this.login(opts.as) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}${path}`, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body, headers: res.headers, text };
  }

  /** Signs in (cached): `admin`, or a staff username created with `addStaff`. */
  async login(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const password = username === 'admin' ? ADMIN_PASSWORD : `pw-${username}-123`;
    const r = await this.api('POST', '/api/v1/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    this.tokens.set(username, r.body.token);
    return r.body.token;
  }

  async addStaff(username: string, role: 'staff' | 'director' = 'staff', extra: Record<string, unknown> = {}): Promise<string> {
    const r = await this.api('POST', '/api/v1/staff', {
      as: 'admin',
      body: { username, password: `pw-${username}-123`, name: `测试${username}`, title: role === 'director' ? '中心主任' : '工作人员', employeeNo: username.toUpperCase(), role, ...extra },
    });
    if (r.status !== 201) throw new Error(`addStaff ${username}: ${r.status} ${r.text}`);
    return r.body.staffId;
  }

  /** Signs a staff member in at a window, creating the account first when it does not exist. */
  async staffAt(username: string, windowId: string): Promise<string> {
    if ((await this.api('POST', '/api/v1/auth/login', { body: { username, password: `pw-${username}-123` } })).status === 401) await this.addStaff(username);
    const r = await this.api('POST', `/api/v1/windows/${windowId}/sign-in`, { as: username });
    if (r.status !== 200) throw new Error(`sign-in ${username}@${windowId}: ${r.status} ${r.text}`);
    return this.login(username);
  }

  async issue(serviceId: string, extra: Record<string, unknown> = {}): Promise<ApiReply> {
    return this.api('POST', '/api/v1/tickets', { body: { serviceId, kioskId: 'K1', ...extra } });
  }

  socket(namespace: '/display' | '/kiosk', query: Record<string, string>, auth: Record<string, string> = {}): Socket {
    const s = ioClient(`${this.url}${namespace}`, { query, auth, transports: ['websocket'], reconnection: false, forceNew: true });
    this.sockets.push(s);
    return s;
  }
}

/** The demo center without its seeded staff (tests create their own) and with generous kiosk limits. */
export function testConfig(overrides: Partial<CenterConfigInput> = {}): CenterConfigInput {
  return { ...demoCenter(), staff: [], rateLimits: { kioskPerMinute: 10_000, kioskBurst: 10_000, addressPerMinute: 10_000, addressBurst: 10_000 }, ...overrides };
}

export async function startTestHub(opts: { config?: CenterConfigInput; clock?: ManualClock; port?: number; central?: TestHub['central'] } = {}): Promise<TestHub & { cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-test-'));
  const t = new TestHub(dataDir, opts.config ?? testConfig(), opts.clock ?? new ManualClock(), opts.port);
  t.central = opts.central;
  await t.start();
  return Object.assign(t, {
    async cleanup() {
      await t.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export function once<T = any>(socket: Socket, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
