// Bench section `configAudit`: the admin's configuration, reveal, audit and retention paths on a hub
// whose SQLite ledger holds 45 busy days (500 visits a day, every visit with sealed personal data, 20
// reveals a day). Measured through the real HTTP server: a live configuration change (validated, checked
// against the hall, one durable event, screens refreshed), an audited reveal (decrypt + durable event),
// the audit trail over the 45 days with the events index and without it (the fallback any store gets),
// and the daily retention purge of the 14 days past a 30-day period.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEvents } from '../server/config-admin/audit-trail.js';
import { startServer } from '../server/app.js';
import { demoCenter } from '../server/config/demo-center.js';
import { parseConfig } from '../server/config/load-config.js';
import { addDays, dayStartMs } from '../server/domain/business-day.js';
import type { StoredEvent } from '../server/domain/events.js';
import { Hub } from '../server/hub.js';
import { PersonalVault, type PersonalRecord } from '../server/ledger/personal-vault.js';
import { loadSecrets } from '../server/ledger/secrets.js';
import { SqliteStore } from '../server/ledger/sqlite-store.js';
import type { LedgerStore } from '../server/ledger/store.js';
import { RetentionJob } from '../server/retention/retention-job.js';
import { busyDay } from './central.js';
import type { BenchSection } from './sections.js';
import { round1 as r1 } from './support/figures.js';

const DAYS = 45;
const VISITS = 500;
const REVEALS_PER_DAY = 20;
const FIRST_DAY = '2026-10-01';
const TZ = 'Asia/Shanghai';
const ADMIN = 'bench-admin-password';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** 45 days of visits into the store, each issued ticket with a sealed personal record. */
async function seed(store: SqliteStore, vault: PersonalVault): Promise<{ revealable: string[] }> {
  let seq = 0;
  let revealable: string[] = [];
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(FIRST_DAY, d);
    const personal: PersonalRecord[] = [];
    const events: Omit<StoredEvent, 'hash' | 'prevHash'>[] = [];
    const issued: string[] = [];
    for (const e of busyDay(d + 1, VISITS, day)) {
      const { hash: _h, prevHash: _p, ...draft } = e;
      if (draft.type === 'ticket.issued') {
        const sealed = vault.seal({ name: '张三丰', phone: '13800000000', idNumber: '11010519491231002X' }, draft.at);
        personal.push(sealed.record);
        issued.push(draft.data.ticketId);
        events.push({ ...draft, seq: ++seq, data: { ...draft.data, personal: sealed.link } } as Omit<StoredEvent, 'hash' | 'prevHash'>);
      } else events.push({ ...draft, seq: ++seq });
    }
    const lastAt = events[events.length - 1]!.at;
    for (let i = 0; i < REVEALS_PER_DAY; i++) {
      events.push({ type: 'personal.revealed', at: lastAt + i + 1, seq: ++seq, data: { ticketId: issued[i]!, number: 'B001', by: 'bench', role: 'admin', reason: '投诉核查' } } as Omit<StoredEvent, 'hash' | 'prevHash'>);
    }
    await store.commit(seq - events.length, () => ({ events, personal, accounts: [], projections: { tickets: [], windows: [], staff: [], followUps: [], complaints: [] } }));
    revealable = issued;
  }
  return { revealable };
}

export const configAuditBench: BenchSection = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yichuang-bench-config-'));
  try {
    const secrets = loadSecrets(dir, undefined);
    const store = new SqliteStore(join(dir, 'ledger.sqlite'));
    const t0 = performance.now();
    const { revealable } = await seed(store, new PersonalVault(secrets));
    const seedMs = performance.now() - t0;
    const lastDay = addDays(FIRST_DAY, DAYS - 1);
    const now = dayStartMs(lastDay, TZ) + 23.999 * 3600_000; // the end of the last day: its tickets are still in memory
    const config = parseConfig({ ...demoCenter(), staff: [], retention: { personalDataDays: 3650 } }, 'bench');
    const hub = await Hub.open({ config, demo: false, store, secrets, clock: { now: () => now }, adminPassword: ADMIN, log: () => {}, dataDir: dir });
    const server = await startServer(hub, { port: 0, host: '127.0.0.1' });
    try {
      const call = async (method: string, path: string, token?: string, body?: unknown) => {
        const res = await fetch(`${server.url}${path}`, {
          method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = (await res.json()) as unknown;
        if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
        return json;
      };
      const timed = async (fn: () => Promise<unknown>) => {
        const s = performance.now();
        await fn();
        return performance.now() - s;
      };
      const { token } = (await call('POST', '/api/v1/auth/login', undefined, { username: 'admin', password: ADMIN })) as { token: string };

      const configMs: number[] = [];
      const consult = config.services.find((s) => s.id === 'consult')!;
      for (let i = 0; i < 20; i++) {
        const { id: _id, ...body } = { ...consult, name: i % 2 ? '法律咨询' : '法律咨询（值班律师）' };
        configMs.push(await timed(() => call('PUT', '/api/v1/config/services/consult', token, body)));
      }
      const revealMs: number[] = [];
      for (const id of revealable.slice(0, 50)) revealMs.push(await timed(() => call('POST', `/api/v1/tickets/${id}/reveal`, token, { reason: '投诉核查需要联系' })));
      const range = `from=${FIRST_DAY}&to=${lastDay}`;
      const auditMs: number[] = [];
      let reveals = 0;
      for (let i = 0; i < 10; i++) auditMs.push(await timed(async () => (reveals = ((await call('GET', `/api/v1/audit/reveals?${range}`, token)) as unknown[]).length)));
      const changesMs = median(await Promise.all([0, 1, 2].map(() => timed(() => call('GET', `/api/v1/audit/changes?${range}`, token)))));
      // The same audit query through a store without eventsOfType (it pages through the whole ledger).
      const plain = Object.create(store, { eventsOfType: { value: undefined } }) as LedgerStore;
      const scanMs = await timed(() => auditEvents({ store: plain } as Hub, ['personal.revealed'], { fromMs: dayStartMs(FIRST_DAY, TZ), toMs: now }));
      const events = (await store.head()).seq;

      // Retention: 30 days kept, so the first 14 days' personal records go in one purge.
      hub.config = { ...hub.config, retention: { personalDataDays: 30 } };
      const purgeStart = performance.now();
      const job = RetentionJob.start(hub);
      await job.settled();
      job.stop();
      const purgeMs = performance.now() - purgeStart;
      const purged = (await auditEvents(hub, ['personal.purged'], { newestFirst: true, limit: 1 }))[0] as (StoredEvent & { data: { refs: number } }) | undefined;
      const verifyOk = (await store.verify()).ok;

      return {
        days: DAYS, visits: DAYS * VISITS, events, seedMs: Math.round(seedMs),
        configChangeMedianMs: r1(median(configMs)),
        revealMedianMs: r1(median(revealMs)),
        auditRevealsMedianMs: r1(median(auditMs)), auditReveals: reveals,
        auditChangesMs: r1(changesMs),
        auditWithoutIndexMs: r1(scanMs),
        retentionPurgeMs: Math.round(purgeMs), retentionPurged: purged?.data.refs ?? 0,
        verifyAfterPurge: verifyOk,
      };
    } finally {
      await server.close();
      await hub.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
