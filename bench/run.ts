// `npm run bench`: starts a hub on loopback with a fresh data folder and measures, in one run, ticket
// issuing latency and throughput, call → display fan-out to 200 screens, the disk's fsync floor and
// the hub's peak RSS. Prints the figures as one JSON object (last stdout line) and writes
// bench/results.json.
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startPostgres } from './postgres-server.js';
import { BENCH_SECTIONS } from './sections.js';
import { percentile as pct, round2 as r2 } from './support/figures.js';
import { bareHttpRoundTrips, KeepAliveClient } from './support/http-client.js';
import { startHubProcess } from './support/hub-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ADMIN = 'bench-admin-password';


function fsyncBaseline(dir: string, n = 500): number {
  const fd = openSync(join(dir, 'fsync-probe'), 'w');
  const buf = Buffer.alloc(256, 7);
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      writeSync(fd, buf);
      fsyncSync(fd);
      times.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
  }
  return pct(times, 0.5);
}

/** The core figures of one hub on one ledger (SQLite by default; PostgreSQL with its URL in ledgerEnv). */
async function benchCore(ledgerEnv: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-bench-'));
  const { child, url } = await startHubProcess(ROOT, { dataDir, adminPassword: ADMIN, env: ledgerEnv }); // exactly as `npm start` runs it
  const peakRss = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
  };
  const client = new KeepAliveClient(url, 16);
  const post = (u: string, token: string, body?: unknown) => client.post(u.slice(url.length), token, body);
  try {
    const admin = (await post(`${url}/api/v1/auth/login`, '', { username: 'admin', password: ADMIN })).body.token as string;
    const services = ['consult', 'legal-aid', 'mediation', 'notary', 'forensic', 'reception'];
    const fsync = fsyncBaseline(dataDir);

    // The HTTP floors, to read the issue figures against: a bare node:http server, and the hub's own
    // cheapest API round trip (touches no ledger).
    const bareFloor = await bareHttpRoundTrips(500);
    const floor: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      await client.request('GET', '/api/v1/health');
      floor.push(performance.now() - t0);
    }

    // issue: sequential latency
    const seq: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t0 = performance.now();
      const r = await post(`${url}/api/v1/tickets`, admin, { serviceId: services[i % services.length] });
      seq.push(performance.now() - t0);
      if (r.status !== 201) throw new Error(`issue answered ${r.status}`);
    }

    // issueParallel: 16 concurrent clients, every answer after the ticket is durable
    const total = 4000;
    let next = 0;
    const tp0 = performance.now();
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < total) {
        const i = next++;
        const r = await post(`${url}/api/v1/tickets`, admin, { serviceId: services[i % services.length] });
        if (r.status !== 201) throw new Error(`issue answered ${r.status}`);
      }
    }));
    const perSecond = total / ((performance.now() - tp0) / 1000);

    // callToDisplay: 200 hall screens, 200 calls
    await post(`${url}/api/v1/staff`, admin, { username: 'bench.staff', password: 'bench-staff-pw', name: '压测', title: '工作人员', employeeNo: 'B1' });
    const staff = (await post(`${url}/api/v1/auth/login`, '', { username: 'bench.staff', password: 'bench-staff-pw' })).body.token as string;
    await post(`${url}/api/v1/windows/2/sign-in`, staff);
    const screens: Socket[] = [];
    // Arrival times per ticket number at the screens; a call is complete when every screen has it.
    const arrivals = new Map<string, number[]>();
    let notify: (() => void) | undefined;
    await Promise.all(Array.from({ length: 200 }, () => new Promise<void>((ok) => {
      const s = io(`${url}/display`, { query: { room: 'hall' }, transports: ['websocket'], reconnection: false, forceNew: true });
      s.once('snapshot', () => ok());
      s.on('call', (c: { ticketNumber: string }) => {
        const list = arrivals.get(c.ticketNumber) ?? [];
        list.push(performance.now());
        arrivals.set(c.ticketNumber, list);
        notify?.();
      });
      screens.push(s);
    })));
    const calls: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const r = await post(`${url}/api/v1/windows/2/call-next`, staff);
      if (r.status !== 200) throw new Error(`call-next answered ${r.status}`);
      const number = r.body.ticket.number as string;
      while ((arrivals.get(number)?.length ?? 0) < screens.length) await new Promise<void>((ok) => (notify = ok));
      calls.push(Math.max(...arrivals.get(number)!) - t0);
      await post(`${url}/api/v1/windows/2/finish`, staff, {});
    }
    for (const s of screens) s.disconnect();

    const results = {
      issue: { n: seq.length, p50Ms: r2(pct(seq, 0.5)), p99Ms: r2(pct(seq, 0.99)) },
      issueParallel: { concurrency: 16, n: total, ticketsPerSecond: Math.round(perSecond) },
      callToDisplay: { displays: screens.length, calls: calls.length, p50Ms: r2(pct(calls, 0.5)), p99Ms: r2(pct(calls, 0.99)) },
      fsyncBaseline: { p50Ms: r2(fsync) },
      httpFloor: { p50Ms: r2(pct(floor, 0.5)), note: 'GET /api/v1/health round trip from the same client (node:http, kept-alive socket)' },
      bareHttpFloor: { p50Ms: r2(pct(bareFloor, 0.5)), note: 'POST round trip to a bare node:http server in the bench process, same client' },
      rssMb: Math.round(peakRss()),
      targets: {
        issueP99: pct(seq, 0.99) <= 10,
        issueP50VsFsync: pct(seq, 0.5) <= 3 * fsync,
        issueParallel: perSecond >= 1000,
        callToDisplayP99: pct(calls, 0.99) <= 50,
        rss: peakRss() <= 150,
      },
    };
    return results;
  } finally {
    client.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench` runs everything; `npm run bench -- core reports` runs the named parts only (`core` is
 * the hub core on SQLite, `postgres` the same on PostgreSQL, the rest are BENCH_SECTIONS) and merges
 * their figures into bench/results.json.
 */
async function main() {
  const parts = ['core', 'postgres', ...Object.keys(BENCH_SECTIONS)];
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !parts.includes(a));
  if (unknown.length > 0) throw new Error(`unknown bench part ${unknown.join(', ')}; parts: ${parts.join(', ')}`);
  const runs = (part: string) => asked.length === 0 || asked.includes(part);
  const resultsFile = join(ROOT, 'bench/results.json');
  const previous = asked.length > 0 && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
  const fresh: Record<string, unknown> = runs('core') ? await benchCore({}) : {};
  if (runs('postgres')) {
    // The same measurements with the ledger in PostgreSQL (a throwaway server with fsync on).
    const pgServer = await startPostgres({ durable: true });
    try {
      const core = await benchCore({ YICHUANG_LEDGER_URL: pgServer.createDatabase('bench_core'), YICHUANG_SECRET: 'bench-shared-secret-0123456789' });
      const { fsyncBaseline: _f, httpFloor: _h, bareHttpFloor: _b, targets: _t, ...figures } = core;
      fresh.postgres = figures;
    } finally {
      pgServer.stop();
    }
  }
  // Each issue's own benchmark section (kiosk budget, screens, reports, roll-up).
  for (const [name, run] of Object.entries(BENCH_SECTIONS)) if (runs(name)) fresh[name] = await run({ root: ROOT });
  const results = { ...previous, ...fresh };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(fresh));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
