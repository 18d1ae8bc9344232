// Bench section `central`: the city roll-up with 200 simulated sites, each sending a busy day (a valid,
// hash-chained ledger of ~500 visits: calls, recalls, no-shows, ratings, follow-ups and their calls) through the real
// replicator into a real (durable) PostgreSQL. Measured: the rate at which the sites fill the inbox,
// the rate at which the city server checks and folds it (events/s, chain check included), and the
// city view's answer time over the 200 sites (API and dashboard page).
import { dayStartMs } from '../server/domain/business-day.js';
import type { DomainEvent, StoredEvent } from '../server/domain/events.js';
import type { RatingScore } from '../server/domain/types.js';
import { canonicalJson } from '../server/ledger/canonical-json.js';
import { GENESIS_HASH, chainHash } from '../server/ledger/hash-chain.js';
import { startCentral } from '../server/central/central-app.js';
import { migrateCentral } from '../server/central/central-schema.js';
import { Replicator } from '../server/central/replicator.js';
import { startPostgres } from './postgres-server.js';
import type { BenchSection } from './sections.js';
import { percentile as pct, rng, round1 as r1 } from './support/figures.js';
import pg from 'pg';

const SITES = 200;
const VISITS_PER_DAY = 500;
const DAY = '2026-11-23';
const TIME_ZONE = 'Asia/Shanghai';
const SENDERS = 16;
const PASSWORD = 'bench-city-password';

const SCORES: RatingScore[] = ['very-satisfied', 'very-satisfied', 'satisfied', 'satisfied', 'satisfied', 'basic', 'dissatisfied'];

/**
 * One site's busy day as its ledger would hold it: events in time order, numbered and hash-chained.
 * Visits are issued through the day, called after a wait, served, mostly rated; some do not show up,
 * some still wait at closing time; basic and dissatisfied ratings open follow-ups, half closed the same day.
 */
export function busyDay(site: number, visits = VISITS_PER_DAY, day = DAY): StoredEvent[] {
  const rand = rng(site * 7919 + 17);
  const open = dayStartMs(day, TIME_ZONE) + 8.5 * 3600_000;
  const drafts: (DomainEvent & { at: number })[] = [];
  const windows = ['1', '2', '3', '4', '5', '6'];
  for (const [i, w] of windows.entries()) {
    drafts.push({ type: 'window.signed-in', at: open - 600_000 + i, data: { windowId: w, staffId: `s${site}-${w}`, post: 'A' } });
  }
  const services = [['reception', 'A'], ['consult', 'B'], ['legal-aid', 'C'], ['mediation', 'D']] as const;
  const counters = new Map<string, number>();
  for (let i = 0; i < visits; i++) {
    const [serviceId, prefix] = services[Math.floor(rand() * services.length)]!;
    const n = (counters.get(serviceId) ?? 0) + 1;
    counters.set(serviceId, n);
    const ticketId = `t${site}-${i}`;
    const issuedAt = open + Math.floor((i / visits) * 7.5 * 3600_000);
    const windowId = windows[i % windows.length]!;
    const staffId = `s${site}-${windowId}`;
    drafts.push({ type: 'ticket.issued', at: issuedAt, data: { ticketId, serviceId, number: `${prefix}${String(n).padStart(3, '0')}`, day, seq: n, priority: rand() < 0.08 ? 'green' : 'normal', orderKey: i + 1, kioskId: 'K1' } });
    const calledAt = issuedAt + Math.floor((3 + rand() * 40) * 60_000);
    const fate = rand();
    if (fate < 0.03) {
      drafts.push({ type: 'ticket.cancelled', at: dayStartMs(day, TIME_ZONE) + 23.99 * 3600_000, data: { ticketId, reason: 'expired' } });
      continue;
    }
    drafts.push({ type: 'ticket.called', at: calledAt, data: { ticketId, windowId, staffId } });
    if (fate < 0.11) {
      drafts.push({ type: 'ticket.recalled', at: calledAt + 60_000, data: { ticketId, windowId, staffId, recalls: 1 } });
      drafts.push({ type: 'ticket.recalled', at: calledAt + 120_000, data: { ticketId, windowId, staffId, recalls: 2 } });
      drafts.push({ type: 'ticket.no-show', at: calledAt + 180_000, data: { ticketId, windowId, staffId } });
      continue;
    }
    const startedAt = calledAt + 45_000;
    const finishedAt = startedAt + Math.floor((4 + rand() * 20) * 60_000);
    drafts.push({ type: 'ticket.started', at: startedAt, data: { ticketId, windowId, staffId } });
    drafts.push({ type: 'ticket.finished', at: finishedAt, data: { ticketId, windowId, staffId, matter: '法律咨询', outcome: '已解答', rateUntil: finishedAt + 120_000 } });
    if (rand() < 0.75) {
      const score = SCORES[Math.floor(rand() * SCORES.length)]!;
      drafts.push({ type: 'ticket.rated', at: finishedAt + 20_000, data: { ticketId, windowId, staffId, score, source: 'pad' } });
      if (score === 'basic' || score === 'dissatisfied') {
        const followUpId = `f${site}-${i}`;
        drafts.push({ type: 'follow-up.opened', at: finishedAt + 20_001, data: { followUpId, ticketId, dueAt: finishedAt + 3 * 86_400_000 } });
        if (rand() < 0.3) drafts.push({ type: 'follow-up.attempted', at: finishedAt + 1800_000, data: { followUpId, by: staffId, note: '未接通' } });
        if (rand() < 0.5) drafts.push({ type: 'follow-up.closed', at: finishedAt + 3600_000, data: { followUpId, by: staffId, reached: true, resolved: true, note: '已回访' } });
      }
    }
  }
  drafts.sort((a, b) => a.at - b.at); // stable: a visit's own events keep their order
  return chainEvents(drafts);
}

/** Events numbered from 1 and linked into one hash chain, as a fresh site ledger stores them. */
export function chainEvents(drafts: readonly Omit<StoredEvent, 'seq' | 'prevHash' | 'hash'>[]): StoredEvent[] {
  let prev = GENESIS_HASH;
  return drafts.map((d, i) => {
    const seq = i + 1;
    const hash = chainHash(prev, seq, d.at, d.type, canonicalJson(d.data));
    const e = { ...d, seq, prevHash: prev, hash } as StoredEvent;
    prev = hash;
    return e;
  });
}

/** A ledger held in memory, read the way the replicator reads a site's store. */
export function memoryStore(events: StoredEvent[]) {
  return {
    async head() {
      const last = events[events.length - 1];
      return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
    },
    async readEvents(afterSeq: number, limit: number) {
      return events.slice(afterSeq, afterSeq + limit);
    },
  };
}

export const centralBench: BenchSection = async () => {
  const server = await startPostgres({ durable: true });
  try {
    const url = server.createDatabase('city_bench');
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    await migrateCentral(pool);

    // 1. Every site sends its day while the city server is down: the inbox fills.
    let events = 0;
    let issued = 0;
    const queue = Array.from({ length: SITES }, (_, i) => i);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: SENDERS }, async () => {
      for (let site = queue.shift(); site !== undefined; site = queue.shift()) {
        const day = busyDay(site);
        events += day.length;
        issued += day.filter((e) => e.type === 'ticket.issued').length;
        const link = new Replicator({ url, store: memoryStore(day), site: { code: `S${String(site).padStart(3, '0')}`, name: `第${site}站`, timeZone: TIME_ZONE }, batchSize: 1000, log: () => {} });
        while ((await link.sendOnce()) > 0);
        await link.stop();
      }
    }));
    const sendSeconds = (performance.now() - t0) / 1000;

    // 2. The city server starts and works through the backlog: chain check, fold, per-day totals.
    const t1 = performance.now();
    const central = await startCentral({ url, port: 0, host: '127.0.0.1', password: PASSWORD, ingest: { batchSize: 2000, concurrency: 4, pollMs: 250 } });
    for (;;) {
      const r = await pool.query<{ n: string }>('SELECT count(*) AS n FROM central_inbox');
      if (Number(r.rows[0]!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ingestSeconds = (performance.now() - t1) / 1000;
    const accepted = Number((await pool.query<{ n: string }>('SELECT sum(head_seq) AS n FROM central_sites')).rows[0]!.n);
    const refused = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM central_sites WHERE refused_seq IS NOT NULL')).rows[0]!.n);

    // 3. The city view over 200 sites: the API and the dashboard page, signed in.
    const login = await fetch(`${central.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const token = ((await login.json()) as { token: string }).token;
    const timed = async (path: string, n: number) => {
      const times: number[] = [];
      let body = '';
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        const r = await fetch(`${central.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        body = await r.text();
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body.slice(0, 200)}`);
        times.push(performance.now() - s);
      }
      return { times, body };
    };
    const api = await timed(`/api/v1/central/sites?date=${DAY}`, 50);
    const page = await timed(`/central?date=${DAY}`, 20);
    const rows = JSON.parse(api.body) as { issued: number }[];
    const cityIssued = rows.reduce((n, r) => n + r.issued, 0);
    await central.close();
    await pool.end();
    if (accepted !== events || cityIssued !== issued || refused !== 0) {
      throw new Error(`central bench: the city holds ${accepted}/${events} events, ${cityIssued}/${issued} issued, ${refused} refused sites`);
    }
    return {
      sites: SITES,
      eventsPerSite: Math.round(events / SITES),
      events,
      inboxEventsPerSecond: Math.round(events / sendSeconds),
      ingestEventsPerSecond: Math.round(events / ingestSeconds),
      ingestSeconds: r1(ingestSeconds),
      citySitesQueryMs: { p50: r1(pct(api.times, 0.5)), p95: r1(pct(api.times, 0.95)) },
      cityDashboardPageMs: { p50: r1(pct(page.times, 0.5)), p95: r1(pct(page.times, 0.95)) },
    };
  } finally {
    server.stop();
  }
};
