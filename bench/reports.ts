// Bench section `reports`: a year of a busy center (≈150,000 visits over 250 working days, 7 windows,
// ratings, follow-ups, 30% with a sealed phone) written into a SQLite ledger, then the director's
// routes over real HTTP: the ledger browser's pages (newest first with the total count, deep pages,
// filters, full-text search), statistics for the whole year (the first one right after the start, then
// warm) and the reports, the year's ledger exported as CSV and XLSX (time, size, the hub's memory
// meanwhile), against a hub started exactly as `npm start` runs it (its node flags), with its peak
// memory; then the year statistics again with the ledger in PostgreSQL. Target: each < 300 ms.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayStartMs } from '../server/domain/business-day.js';
import type { FollowUp, RatingScore, Ticket, TicketStatus } from '../server/domain/types.js';
import type { PersonalRecord } from '../server/ledger/personal-vault.js';
import { PgStore } from '../server/ledger/pg-store.js';
import { SqliteStore } from '../server/ledger/sqlite-store.js';
import type { LedgerStore } from '../server/ledger/store.js';
import { startPostgres } from './postgres-server.js';
import type { BenchSection } from './sections.js';
import { rng, round1 as r1 } from './support/figures.js';
import { startHubProcess } from './support/hub-process.js';

const TZ = 'Asia/Shanghai';
/** The seeded ledger's last day (a Monday). */
export const LAST_DAY = '2026-11-23';
const WORKING_DAYS = 250;
const VISITS_PER_DAY = 600;
const ADMIN_PASSWORD = 'bench-reports-admin';
const TARGET_MS = 300;

const SERVICES = [['reception', 'A', 15], ['consult', 'B', 30], ['legal-aid', 'C', 45], ['mediation', 'D', 60], ['notary', 'E', 30]] as const;
const WINDOW_OF: Record<string, string[]> = { reception: ['1', '3'], consult: ['2', '3', '4'], 'legal-aid': ['4', '7'], mediation: ['5'], notary: ['6'] };
const SCORES: RatingScore[] = ['very-satisfied', 'very-satisfied', 'very-satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'basic', 'dissatisfied'];
const MATTERS = ['劳动合同纠纷咨询', '农民工工资拖欠', '婚姻家庭继承', '交通事故赔偿', '邻里纠纷调解', '房屋租赁合同', '法律援助申请', '公证事项咨询', '工伤认定', '借贷纠纷'];
const OUTCOMES = ['已解答并告知维权途径', '已受理，转法律援助中心审查', '引导申请劳动仲裁', '当场调解成功，达成协议', '告知所需材料，一次性告知清单已发放', '已转交相关部门办理'];

/** `count` working days (Monday–Friday) back from LAST_DAY, oldest first. */
function workingDays(count: number): string[] {
  const days: string[] = [];
  for (let d = LAST_DAY; days.length < count; d = addDays(d, -1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days.unshift(d);
  }
  return days;
}

/** One day's visits as the projections hold them (tickets, follow-ups, sealed personal records). */
function dayOfVisits(day: string, dayIndex: number) {
  const rand = rng(dayIndex * 7919 + 1);
  const open = dayStartMs(day, TZ) + 8.5 * 3600_000;
  const tickets: Ticket[] = [];
  const followUps: FollowUp[] = [];
  const personal: PersonalRecord[] = [];
  const counters = new Map<string, number>();
  for (let i = 0; i < VISITS_PER_DAY; i++) {
    const [serviceId, prefix] = SERVICES[Math.floor(rand() * SERVICES.length)]!;
    const seq = (counters.get(serviceId) ?? 0) + 1;
    counters.set(serviceId, seq);
    const windows = WINDOW_OF[serviceId]!;
    const windowId = windows[Math.floor(rand() * windows.length)]!;
    const issuedAt = open + Math.floor((i / VISITS_PER_DAY) * 8 * 3600_000);
    const firstCalledAt = issuedAt + Math.floor(rand() * 40 * 60_000);
    const roll = rand();
    const status: TicketStatus = roll < 0.9 ? 'done' : roll < 0.96 ? 'no-show' : 'cancelled';
    const id = `${day}-${i}`;
    const t: Ticket = {
      id, number: `${prefix}${String(seq).padStart(3, '0')}`, serviceId, day, seq, priority: rand() < 0.05 ? 'green' : 'normal', status, issuedAt,
      lane: 'queue', orderKey: i, recalls: 0, transfers: [],
    };
    if (status !== 'cancelled') Object.assign(t, { windowId, staffId: `staff-${windowId}`, firstCalledAt, calledAt: firstCalledAt });
    if (status === 'done') {
      const startedAt = firstCalledAt + 60_000;
      Object.assign(t, {
        startedAt, finishedAt: startedAt + Math.floor((3 + rand() * 57) * 60_000),
        matter: MATTERS[Math.floor(rand() * MATTERS.length)], outcome: OUTCOMES[Math.floor(rand() * OUTCOMES.length)],
      });
      if (rand() < 0.1) t.transfers.push({ at: startedAt, byStaffId: 'staff-3', fromServiceId: 'reception', fromWindowId: '3', toServiceId: serviceId });
      if (rand() < 0.75) {
        t.rating = SCORES[Math.floor(rand() * SCORES.length)];
        t.ratedAt = t.finishedAt! + 30_000;
        if (t.rating === 'basic' || t.rating === 'dissatisfied') {
          const done = rand() < 0.8;
          followUps.push({
            id: `f-${id}`, ticketId: id, number: t.number, rating: t.rating, staffId: t.staffId, windowId, openedAt: t.ratedAt, dueAt: t.ratedAt + 3 * 86_400_000,
            status: done ? 'done' : 'open', ...(done ? { reached: true, resolved: rand() < 0.7, note: '已回访', closedAt: t.ratedAt + 86_400_000, closedBy: 'staff-1' } : {}),
          });
        }
      }
    }
    if (rand() < 0.3) {
      t.personalRef = `p-${id}`;
      personal.push({ ref: t.personalRef, createdAt: issuedAt, sealed: randomBytes(64), maskedName: '张*', maskedPhone: `138****${String(i).padStart(4, '0')}` });
    }
    tickets.push(t);
  }
  return { tickets, followUps, personal };
}

/**
 * Writes the projections of a busy center's last `workingDayCount` working days up to LAST_DAY (600 visits
 * each; a year by default), no events: the routes measured (and the tests using it) read projections only.
 */
export async function seedYear(store: LedgerStore, workingDayCount = WORKING_DAYS): Promise<{ days: string[]; visits: number }> {
  const days = workingDays(workingDayCount);
  let visits = 0;
  for (const [i, day] of days.entries()) {
    const { tickets, followUps, personal } = dayOfVisits(day, i);
    visits += tickets.length;
    await store.commit(0, () => ({ events: [], personal, accounts: [], projections: { tickets, windows: [], staff: [], followUps, complaints: [] } }));
  }
  return { days, visits };
}

async function timed(url: string, token: string, runs = 7): Promise<{ medianMs: number; maxMs: number; rows?: number }> {
  const times: number[] = [];
  let rows: number | undefined;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
    if (i >= 2) times.push(ms); // two warm-ups: statement cache and JIT
    const total = res.headers.get('x-total-count');
    if (total) rows = Number(total);
  }
  times.sort((a, b) => a - b);
  return { medianMs: r1(times[Math.floor(times.length / 2)]!), maxMs: r1(times[times.length - 1]!), ...(rows !== undefined ? { rows } : {}) };
}

const megabytes = (kB: number) => Math.round(kB / 1024);
/** A /proc/<pid>/status figure in kB (VmRSS now, VmHWM the peak so far). */
function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

interface RunningHub { url: string; token: string; pid: number }

/** Starts the hub as `npm start` runs it on a seeded ledger, signs in, measures, stops it. */
async function withHub<T>(root: string, dataDir: string, env: Record<string, string>, measure: (hub: RunningHub) => Promise<T>): Promise<T> {
  const { child, url } = await startHubProcess(root, { dataDir, adminPassword: ADMIN_PASSWORD, env: { YICHUANG_CLOCK_START: `${LAST_DAY}T17:00:00+08:00`, ...env } });
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    return await measure({ url, token, pid: child.pid! });
  } finally {
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
  }
}

/**
 * The first year-long statistics request right after the hub is listening: the day cache is still being
 * filled in the background then (from the hub's start), so this waits for whatever of it is left.
 * Meanwhile a health probe goes round and round: its slowest answer is how long the hall could wait.
 */
async function coldYearStats(hub: RunningHub, year: string): Promise<{ ms: number; slowestHealthMsMeanwhile: number }> {
  let done = false;
  let slowest = 0;
  const probe = (async () => {
    while (!done) {
      const t = performance.now();
      await (await fetch(`${hub.url}/api/v1/health`)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - t);
    }
  })();
  const t0 = performance.now();
  const res = await fetch(`${hub.url}/api/v1/stats?${year}&by=service`, { headers: { authorization: `Bearer ${hub.token}` } });
  await res.arrayBuffer();
  const ms = r1(performance.now() - t0);
  done = true;
  await probe;
  if (res.status !== 200) throw new Error(`cold stats: ${res.status}`);
  return { ms, slowestHealthMsMeanwhile: r1(slowest) };
}

/** Downloads an export as fast as it comes, sampling the hub's resident memory meanwhile. */
async function download(hub: RunningHub, path: string): Promise<{ seconds: number; megabytes: number; hubRssBeforeMegabytes: number; hubRssPeakMegabytes: number }> {
  const before = procStatus(hub.pid, 'VmRSS');
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, procStatus(hub.pid, 'VmRSS'))), 20);
  try {
    const t0 = performance.now();
    const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${hub.token}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    let bytes = 0;
    let tail = Buffer.alloc(0);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      tail = Buffer.concat([tail, chunk]).subarray(-64);
    }
    const seconds = Math.round(performance.now() - t0) / 1000;
    // A whole .xlsx ends with the zip's end-of-central-directory record.
    if (path.includes('format=xlsx') && !tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))) throw new Error(`${path}: the file is cut short`);
    peak = Math.max(peak, procStatus(hub.pid, 'VmRSS'));
    return { seconds, megabytes: Math.round(bytes / 1e5) / 10, hubRssBeforeMegabytes: megabytes(before), hubRssPeakMegabytes: megabytes(peak) };
  } finally {
    clearInterval(sampler);
  }
}

/** The same year in PostgreSQL: the cold and warm year statistics and the ledger's first page. */
async function postgresFigures(root: string, dir: string) {
  const server = await startPostgres({ durable: true });
  try {
    const ledgerUrl = server.createDatabase('bench_reports');
    const store = await PgStore.open(ledgerUrl);
    const t0 = performance.now();
    const { days } = await seedYear(store).finally(() => store.close());
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const year = `from=${days[0]}&to=${LAST_DAY}`;
    return await withHub(root, dir, { YICHUANG_LEDGER_URL: ledgerUrl, YICHUANG_SECRET: 'bench-reports-shared-secret-0123' }, async (hub) => ({
      seedSeconds,
      statsYearCold: await coldYearStats(hub, year),
      statsYearByService: await timed(`${hub.url}/api/v1/stats?${year}&by=service`, hub.token),
      statsYearByDay: await timed(`${hub.url}/api/v1/stats?${year}&by=day`, hub.token),
      ledgerPageNewest: await timed(`${hub.url}/api/v1/ledger?${year}&order=newest&limit=50`, hub.token),
    }));
  } finally {
    server.stop();
  }
}

export const reportsBench: BenchSection = async ({ root }) => {
  const dir = mkdtempSync(join(tmpdir(), 'yichuang-bench-reports-'));
  const pgDir = mkdtempSync(join(tmpdir(), 'yichuang-bench-reports-pg-'));
  try {
    const store = new SqliteStore(join(dir, 'ledger.sqlite'));
    const t0 = performance.now();
    const { days, visits } = await seedYear(store);
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    await store.close();
    const year = `from=${days[0]}&to=${LAST_DAY}`;
    const sqlite = await withHub(root, dir, {}, async (hub) => {
      const q = (path: string) => timed(`${hub.url}${path}`, hub.token);
      const statsYearCold = await coldYearStats(hub, year);
      const figures = {
        ledgerPageNewest: await q(`/api/v1/ledger?${year}&order=newest&limit=50`),
        ledgerPageDeep: await q(`/api/v1/ledger?${year}&order=newest&limit=50&offset=100000`),
        ledgerFilteredWindowRating: await q(`/api/v1/ledger?${year}&windowId=4&rating=dissatisfied&order=newest&limit=50`),
        ledgerSearchYear: await q(`/api/v1/ledger?${year}&q=${encodeURIComponent('工资')}&order=newest&limit=50`),
        statsYearByService: await q(`/api/v1/stats?${year}&by=service`),
        statsYearByDay: await q(`/api/v1/stats?${year}&by=day`),
        reportWeekly: await q(`/api/v1/reports/weekly?date=${LAST_DAY}`),
        reportMonthly: await q(`/api/v1/reports/monthly?date=${LAST_DAY}`),
        reportHalfYearly: await q(`/api/v1/reports/half-yearly?date=${LAST_DAY}`),
        dashboard: await q('/api/v1/dashboard'),
      };
      const worst = Math.max(...Object.values(figures).map((f) => f.medianMs));
      // The year's ledger as files, streamed a business day at a time: time, size and the hub's memory meanwhile.
      const ledgerCsvYear = await download(hub, `/api/v1/ledger/export?${year}&format=csv`);
      const ledgerXlsxYear = await download(hub, `/api/v1/ledger/export?${year}&format=xlsx`);
      return {
        statsYearCold, ...figures, worstMedianMs: worst, targetMs: TARGET_MS, withinTarget: worst < TARGET_MS,
        ledgerCsvYear, ledgerXlsxYear, hubPeakRssMegabytes: megabytes(procStatus(hub.pid, 'VmHWM')),
      };
    });
    return {
      visits, days: days.length, seedSeconds, dbMegabytes: Math.round(statSync(join(dir, 'ledger.sqlite')).size / 1e5) / 10,
      ...sqlite, postgres: await postgresFigures(root, pgDir),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(pgDir, { recursive: true, force: true });
  }
};
