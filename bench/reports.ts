// Bench section `reports`: a year of a busy center (≈150,000 visits over 250 working days, 7 windows,
// ratings, follow-ups, 30% with a sealed phone) written into a SQLite ledger, then the director's
// routes over real HTTP: the ledger browser's pages (newest first with the total count, deep pages,
// filters, full-text search), statistics for the whole year and the reports, against a hub started
// exactly as `npm start` runs it (its node flags), with its peak memory. Target: each < 300 ms.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayStartMs } from '../server/domain/business-day.js';
import type { FollowUp, RatingScore, Ticket, TicketStatus } from '../server/domain/types.js';
import type { PersonalRecord } from '../server/ledger/personal-vault.js';
import { SqliteStore } from '../server/ledger/sqlite-store.js';
import type { LedgerStore } from '../server/ledger/store.js';
import type { BenchSection } from './sections.js';
import { rng, round1 as r1 } from './support/figures.js';
import { startHubProcess } from './support/hub-process.js';

const TZ = 'Asia/Shanghai';
const LAST_DAY = '2026-11-23';
const WORKING_DAYS = 250;
const VISITS_PER_DAY = 600;
const ADMIN_PASSWORD = 'bench-reports-admin';
const TARGET_MS = 300;

const SERVICES = [['reception', 'A', 15], ['consult', 'B', 30], ['legal-aid', 'C', 45], ['mediation', 'D', 60], ['notary', 'E', 30]] as const;
const WINDOW_OF: Record<string, string[]> = { reception: ['1', '3'], consult: ['2', '3', '4'], 'legal-aid': ['4', '7'], mediation: ['5'], notary: ['6'] };
const SCORES: RatingScore[] = ['very-satisfied', 'very-satisfied', 'very-satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'basic', 'dissatisfied'];
const MATTERS = ['劳动合同纠纷咨询', '农民工工资拖欠', '婚姻家庭继承', '交通事故赔偿', '邻里纠纷调解', '房屋租赁合同', '法律援助申请', '公证事项咨询', '工伤认定', '借贷纠纷'];
const OUTCOMES = ['已解答并告知维权途径', '已受理，转法律援助中心审查', '引导申请劳动仲裁', '当场调解成功，达成协议', '告知所需材料，一次性告知清单已发放', '已转交相关部门办理'];

/** Working days (Monday–Friday) back from LAST_DAY, oldest first. */
function workingDays(): string[] {
  const days: string[] = [];
  for (let d = LAST_DAY; days.length < WORKING_DAYS; d = addDays(d, -1)) {
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

/** Writes the year's projections (no events: the routes measured read projections only). */
export async function seedYear(store: LedgerStore): Promise<{ days: string[]; visits: number }> {
  const days = workingDays();
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

export const reportsBench: BenchSection = async ({ root }) => {
  const dir = mkdtempSync(join(tmpdir(), 'yichuang-bench-reports-'));
  try {
    const store = new SqliteStore(join(dir, 'ledger.sqlite'));
    const t0 = performance.now();
    const { days, visits } = await seedYear(store);
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    await store.close();
    const { child, url } = await startHubProcess(root, { dataDir: dir, adminPassword: ADMIN_PASSWORD, env: { YICHUANG_CLOCK_START: `${LAST_DAY}T17:00:00+08:00` } });
    const server = { url };
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
      const { token } = (await login.json()) as { token: string };
      const year = `from=${days[0]}&to=${LAST_DAY}`;
      const q = (path: string) => timed(`${server.url}${path}`, token);
      // The first statistics request reads the year from the store (then its settled days are cached).
      const c0 = performance.now();
      const cold = await fetch(`${server.url}/api/v1/stats?${year}&by=service`, { headers: { authorization: `Bearer ${token}` } });
      await cold.arrayBuffer();
      const statsYearColdMs = Math.round((performance.now() - c0) * 10) / 10;
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
      const peakRssMegabytes = Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024);
      return {
        visits, days: days.length, seedSeconds, dbMegabytes: Math.round(statSync(join(dir, 'ledger.sqlite')).size / 1e5) / 10,
        statsYearColdMs, ...figures, worstMedianMs: worst, targetMs: TARGET_MS, withinTarget: worst < TARGET_MS, hubPeakRssMegabytes: peakRssMegabytes,
      };
    } finally {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
