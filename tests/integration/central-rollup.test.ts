// The city roll-up against a real PostgreSQL: real site hubs replicate to the central database through
// a line the test can cut, the city server ingests and serves the view. Three sites replicate; the
// line and the city server go down while the sites keep issuing; afterwards the city's totals equal
// the sites' own statistics, with every event exactly once. A site with a tampered event is refused
// and reported while the others carry on.
import Database from 'better-sqlite3';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../bench/postgres-server.js';
import { startCentral, type RunningCentral } from '../../server/central/central-app.js';
import { demoCenter } from '../../server/config/demo-center.js';
import { ManualClock, startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

const PASSWORD = 'city-secret-2026';
const DAY1 = '2026-11-23';
const DAY2 = '2026-11-24';
const FAST = { idleMs: 150, heartbeatMs: 1000, retryMs: { min: 100, max: 400 } };

/** A TCP line between the sites and the central database that the test can cut and restore. */
class Line {
  private cut = false;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server, readonly port: number) {}

  static async open(targetPort: number): Promise<Line> {
    let line!: Line;
    const server = createServer((inbound) => {
      if (line.cut) return void inbound.destroy();
      const outbound = connect(targetPort, '127.0.0.1');
      for (const s of [inbound, outbound]) {
        line.sockets.add(s);
        s.on('close', () => line.sockets.delete(s));
        s.on('error', () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    line = new Line(server, (server.address() as { port: number }).port);
    return line;
  }

  down(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  up(): void {
    this.cut = false;
  }

  close(): Promise<void> {
    this.down();
    return new Promise((r) => this.server.close(() => r()));
  }
}

type Site = TestHub & { cleanup(): Promise<void> };

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function siteConfig(code: string, name: string) {
  return testConfig({ center: { ...demoCenter().center, code, name } });
}

const SCORES = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied'] as const;

/**
 * A stretch of a working day at window 6 (notary/forensic): `n` visits, every fourth a no-show, the
 * others served and rated in turn; one follow-up of the day closed. Waits differ per visit.
 */
async function workDay(t: Site, clock: ManualClock, n: number, who: string): Promise<void> {
  const tok = await t.staffAt(who, '6');
  let rated = 0;
  for (let i = 0; i < n; i++) expect((await t.issue(i % 2 ? 'notary' : 'forensic')).status).toBe(201);
  for (let i = 0; i < n; i++) {
    clock.advance(2 + (i % 3));
    expect((await t.api('POST', '/api/v1/windows/6/call-next', { token: tok })).status).toBe(200);
    if (i % 4 === 3) {
      await t.api('POST', '/api/v1/windows/6/recall', { token: tok });
      await t.api('POST', '/api/v1/windows/6/recall', { token: tok });
      expect((await t.api('POST', '/api/v1/windows/6/no-show', { token: tok })).status).toBe(200);
      continue;
    }
    await t.api('POST', '/api/v1/windows/6/start', { token: tok });
    clock.advance(5);
    expect((await t.api('POST', '/api/v1/windows/6/finish', { token: tok, body: { matter: '公证咨询', outcome: '已解答' } })).status).toBe(200);
    if (i % 4 !== 2) expect((await t.api('POST', '/api/v1/windows/6/rating', { body: { score: SCORES[rated++ % 4] } })).status).toBe(201);
  }
  const open = (await t.api('GET', '/api/v1/follow-ups?status=open', { as: 'admin' })).body as { id: string }[];
  for (const f of open) expect((await t.api('POST', `/api/v1/follow-ups/${f.id}/attempts`, { as: 'admin', body: { note: '未接通' } })).status).toBe(200);
  if (open[0]) expect((await t.api('POST', `/api/v1/follow-ups/${open[0].id}`, { as: 'admin', body: { reached: true, note: '已回访', resolved: true } })).status).toBe(200);
  await t.api('POST', '/api/v1/windows/6/sign-out', { token: tok });
}

/** The site's own figures for a day range, from its own statistics API. */
async function siteFigures(t: Site, from: string, to: string) {
  const rows = (await t.api('GET', `/api/v1/stats?from=${from}&to=${to}&by=day`, { as: 'admin' })).body as { key: string; issued: number; served: number; noShow: number; waits?: unknown; avgWaitMinutes: number | null; satisfactionRate: number | null; rated: number; ratings: Record<string, number> }[];
  return rows;
}

describe('city roll-up', () => {
  let pgServer: PostgresServer;
  let centralUrl: string;
  let line: Line;
  let central: RunningCentral | undefined;
  let token: string;
  const sites: { code: string; t: Site; clock: ManualClock }[] = [];
  let db: pg.Pool;

  const startCity = async () => {
    central = await startCentral({ url: centralUrl, port: 0, host: '127.0.0.1', password: PASSWORD, ingest: { pollMs: 200, batchSize: 50 } });
    const r = await fetch(`${central.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    token = ((await r.json()) as { token: string }).token;
  };
  const cityApi = async (path: string) => {
    const r = await fetch(`${central!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, body: (await r.json()) as any };
  };
  const citySites = async (date: string) => (await cityApi(`/api/v1/central/sites?date=${date}`)).body as any[];
  /** Every site's head is in the city and nothing waits in the inbox. */
  const caughtUp = async (codes: string[]) => {
    const list = await citySites(DAY1);
    for (const code of codes) {
      const site = sites.find((s) => s.code === code)!;
      const row = list.find((x) => x.site === code);
      if (!row || row.events !== (await site.t.hub.store.head()).seq || row.pending !== 0) return false;
    }
    return true;
  };

  beforeAll(async () => {
    pgServer = await startPostgres();
    centralUrl = pgServer.createDatabase('city');
    db = new pg.Pool({ connectionString: centralUrl, max: 2 });
    line = await Line.open(Number(new URL(centralUrl).port));
    const viaLine = centralUrl.replace(/:\d+\//, `:${line.port}/`);
    await startCity();
    for (const [code, name] of [['SITE-A', '甲区公共法律服务中心'], ['SITE-B', '乙镇公共法律服务工作站'], ['SITE-C', '丙村公共法律服务工作室']] as const) {
      const clock = new ManualClock();
      sites.push({ code, clock, t: await startTestHub({ config: siteConfig(code, name), clock, central: { url: viaLine, tuning: FAST } }) });
    }
  });

  afterAll(async () => {
    for (const s of sites) await s.t.cleanup();
    await central?.close();
    await db?.end();
    await line?.close();
    pgServer?.stop();
  });

  it('3 sites replicate; with the line and the city server down the sites keep issuing; afterwards the totals match, nothing lost or doubled', async () => {
    // A citizen identified by card and phone at site A: none of it may reach the city.
    const card = await sites[0]!.t.api('POST', '/api/v1/simulate/idcard', { body: { kioskId: 'K1', card: { name: '王小明', idNumber: '11010519491231002X' } } });
    expect(card.status).toBe(200);
    expect((await sites[0]!.t.issue('consult', { identityToken: card.body.identityToken, phone: '13812345678' })).status).toBe(201);

    await Promise.all(sites.map((s, i) => workDay(s.t, s.clock, 6 + i * 2, `w6a${i}`)));
    await until('the first day to reach the city', () => caughtUp(sites.map((s) => s.code)));

    // The line goes down and the city server stops; the sites keep working on the next day.
    line.down();
    await central!.close();
    central = undefined;
    await until('every link to notice', async () => sites.every((s) => s.t.cityLink!.status().state === 'offline'));
    const down = (await sites[0]!.t.api('GET', '/api/v1/health')).body;
    expect(down.cityLink).toMatchObject({ state: 'offline', lastError: expect.any(String) });
    for (const s of sites) {
      s.clock.set(`${DAY2}T09:00:00+08:00`);
      s.t.tokens.clear(); // yesterday's sign-ins have expired
    }
    await Promise.all(sites.map((s, i) => workDay(s.t, s.clock, 8 + i, `w6b${i}`))); // every answer a success, line dead
    expect(sites.every((s) => s.t.cityLink!.status().state === 'offline')).toBe(true);
    await new Promise((r) => setTimeout(r, 500));

    line.up();
    await startCity();
    await until('the outage backlog to reach the city', () => caughtUp(sites.map((s) => s.code)), 30_000);
    const up = await until('the link to report up to date', async () => {
      const h = (await sites[0]!.t.api('GET', '/api/v1/health')).body;
      return h.cityLink.state === 'up-to-date' && h.cityLink;
    });
    expect(up).toMatchObject({ acknowledged: (await sites[0]!.t.hub.store.head()).seq, lastError: null });

    for (const date of [DAY1, DAY2]) {
      const city = await citySites(date);
      for (const s of sites) {
        const own = (await siteFigures(s.t, date, date))[0]!;
        const row = city.find((x) => x.site === s.code)!;
        expect(row).toMatchObject({ issued: own.issued, served: own.served, noShow: own.noShow, avgWaitMinutes: own.avgWaitMinutes, satisfactionRate: own.satisfactionRate });
        expect(row.issued).toBeGreaterThan(0);
      }
    }
    // Month to date: both days; follow-up rate: done over opened, as the site lists them.
    const city2 = await citySites(DAY2);
    for (const s of sites) {
      const own = await siteFigures(s.t, DAY1, DAY2);
      const row = city2.find((x) => x.site === s.code)!;
      expect(row.month.issued).toBe(own.reduce((n, r) => n + r.issued, 0));
      expect(row.month.served).toBe(own.reduce((n, r) => n + r.served, 0));
      expect(row.month.noShow).toBe(own.reduce((n, r) => n + r.noShow, 0));
      const fu = (await s.t.api('GET', '/api/v1/follow-ups', { as: 'admin' })).body as { status: string }[];
      expect(fu.length).toBeGreaterThan(0);
      expect(row.month.followUpRate).toBeCloseTo(fu.filter((f) => f.status === 'done').length / fu.length, 4);
      expect(row.status).toBe('ok');
      expect(row.name).toBe(s.t.config.center.name);
    }

    // Every event exactly once, in an unbroken chain ending at each site's own head.
    const counts = await db.query<{ site: string; n: string; max: string }>('SELECT site, count(*) AS n, max(seq) AS max FROM central_events GROUP BY site');
    for (const s of sites) {
      const head = await s.t.hub.store.head();
      const c = counts.rows.find((r) => r.site === s.code)!;
      expect([Number(c.n), Number(c.max)]).toEqual([head.seq, head.seq]);
      const cityHead = await db.query('SELECT head_hash FROM central_sites WHERE site = $1', [s.code]);
      expect(cityHead.rows[0].head_hash).toBe(head.hash);
    }

    // The city's copy holds no citizen's name, ID number or phone.
    for (const table of ['central_events', 'central_tickets', 'central_inbox']) {
      const leaked = await db.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text ~ '王小明|11010519491231002X|13812345678|19491231'`);
      expect(leaked.rows[0].n, table).toBe(0);
    }
  });

  it('a tampered event from one site is refused and reported; the other sites carry on', async () => {
    // Site D works offline first; then someone edits its ledger file; then it is linked to the city.
    const clock = new ManualClock(Date.parse(`${DAY2}T10:00:00+08:00`));
    const d = await startTestHub({ config: siteConfig('SITE-D', '丁镇公共法律服务工作站'), clock });
    sites.push({ code: 'SITE-D', t: d, clock });
    for (let i = 0; i < 6; i++) await d.issue('consult');
    expect((await d.api('GET', '/api/v1/health')).body.cityLink).toBeUndefined(); // not linked yet
    const target = (await d.hub.store.readEvents(0, 1000)).filter((e) => e.type === 'ticket.issued')[3]!;
    await d.stop();
    const file = new Database(join(d.dataDir, 'ledger.sqlite'));
    file.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
    file.prepare(`UPDATE events SET data = replace(data, '"B004"', '"B099"') WHERE seq = ?`).run(target.seq);
    file.close();
    d.central = { url: centralUrl, tuning: FAST };
    await d.start();

    const refused = await until('site D to be refused', async () => (await citySites(DAY2)).find((x) => x.site === 'SITE-D' && x.status === 'refused'));
    expect(refused.refusal.seq).toBe(target.seq);
    expect(refused.refusal.reason).toMatch(/does not match its hash/);
    expect(refused.events).toBe(target.seq - 1); // everything before the bad event was accepted
    // The site's own health says so, naming the event (the technician reads it on the devices page).
    const linkOfD = await until('site D to hear of the refusal', async () => {
      const link = (await d.api('GET', '/api/v1/health')).body.cityLink;
      return link?.state === 'refused' && link;
    });
    expect(linkOfD.lastError).toContain(`第 ${target.seq} 条事件起拒收站点 SITE-D`);
    const log = await db.query('SELECT seq, reason FROM central_refusals WHERE site = $1', ['SITE-D']);
    expect(log.rows).toEqual([{ seq: String(target.seq), reason: refused.refusal.reason }]);

    // The other sites keep reporting, and their new work arrives.
    await Promise.all(sites.slice(0, 3).map((s, i) => workDay(s.t, s.clock, 3, `w6c${i}`)));
    await until('A, B and C to catch up after the refusal', () => caughtUp(['SITE-A', 'SITE-B', 'SITE-C']));
    const after = await citySites(DAY2);
    expect(after.filter((x) => x.status === 'ok').map((x) => x.site)).toEqual(['SITE-A', 'SITE-B', 'SITE-C']);
    expect(after.find((x) => x.site === 'SITE-D')!.events).toBe(target.seq - 1);

    // The dashboard names the refused site; an operator's reset makes the site resend — and the same
    // tampered event is refused again.
    const login = await fetch(`${central!.url}/central/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=admin&password=${PASSWORD}` });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${central!.url}/central?date=${DAY2}`, { headers: { cookie } })).text();
    expect(page).toContain(`丁镇公共法律服务工作站 (SITE-D)：第 ${target.seq} 条事件 — 事件内容与其哈希不符`);
    expect(page).toContain(`已拒收（第 ${target.seq} 条事件起）`);
    const reset = await fetch(`${central!.url}/api/v1/central/sites/SITE-D/reset`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(reset.status).toBe(200);
    await until('site D to be refused again after the reset', async () => (await citySites(DAY2)).find((x) => x.site === 'SITE-D' && x.status === 'refused' && x.refusal.seq === target.seq));
    expect((await db.query('SELECT count(*)::int AS n FROM central_refusals WHERE site = $1', ['SITE-D'])).rows[0].n).toBe(2);
  });

  it('a site silent for longer than the threshold is listed as stopped reporting; the city totals are the sum of the sites', async () => {
    await sites[2]!.t.cityLink!.stop(); // site C's line stays down
    await db.query(`UPDATE central_sites SET last_contact_at = now() - interval '20 minutes' WHERE site = 'SITE-C'`);
    const view = (await cityApi(`/api/v1/central/city?date=${DAY2}`)).body;
    expect(view.sites.find((x: any) => x.site === 'SITE-C').status).toBe('stale');
    expect(view.city).toMatchObject({ sites: 4, reporting: 2, stale: 1, refused: 1 });
    expect(view.city.day.issued).toBe(view.sites.reduce((n: number, x: any) => n + x.issued, 0));
    expect(view.city.month.served).toBe(view.sites.reduce((n: number, x: any) => n + x.month.served, 0));
    const login = await fetch(`${central!.url}/central/login?lang=en`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=admin&password=${PASSWORD}` });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const zh = await (await fetch(`${central!.url}/central?date=${DAY2}`, { headers: { cookie } })).text();
    expect(zh).toContain('以下站点已超过 15 分钟未上报');
    expect(zh).toMatch(/<li>丙村公共法律服务工作室 \(SITE-C\)：最后联系 /);
    const en = await (await fetch(`${central!.url}/central?date=${DAY2}&lang=en`, { headers: { cookie } })).text();
    expect(en).toContain('These sites have not reported for more than 15 minutes');
    expect(en).toContain('<html lang="en">');
    expect((await fetch(`${central!.url}/central?date=${DAY2}&lang=fr`, { headers: { cookie } })).status).toBe(200); // unknown language: zh-CN
    const bad = await fetch(`${central!.url}/central?date=2026-02-30`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('日期无效，应为 YYYY-MM-DD 格式的日历日');
  });

  it('the city view wants the administrator and a valid date', async () => {
    expect((await fetch(`${central!.url}/api/v1/central/sites`)).status).toBe(401);
    const bad = await cityApi('/api/v1/central/sites?date=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('date');
    const wrong = await fetch(`${central!.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'nope-nope' }) });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${central!.url}/api/v1/central/sites/SITE-A/reset`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(409);
    const page = await fetch(`${central!.url}/central?lang=en`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('City roll-up · Sign in');
  });
});
