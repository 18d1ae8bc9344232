// Retention at the city: the per-visit documents (central_tickets, central_follow_ups) exist only so a
// later event of a visit — its call, finish, rating, follow-up — can be folded into the day totals; the
// totals themselves are kept for ever. Visits older than `visitDays` (default 400) before a site's
// newest event get no more events (a follow-up is due within 60 days), so their documents go, once a
// day. Measured from the site's own newest event, not the city's clock, so a site resending a long
// backlog keeps the documents its backlog still refers to. Each site is pruned under its row lock, so
// never in the middle of one of its ingest batches.
import type { Pool } from 'pg';
import { addDays, businessDay } from '../domain/business-day.js';

export const DEFAULT_VISIT_DAYS = 400;
/** Longer than any follow-up period (at most 60 days), so no pruned visit can still get an event. */
export const MIN_VISIT_DAYS = 90;
/** How often the city looks; it prunes at most once per day. */
const CHECK_EVERY_MS = 3_600_000;

export interface PruneReport {
  sites: number;
  tickets: number;
  followUps: number;
}

/** Deletes the visit documents of every site older than `visitDays` before that site's newest event. */
export async function pruneVisitDocuments(pool: Pool, visitDays: number): Promise<PruneReport> {
  if (!Number.isInteger(visitDays) || visitDays < MIN_VISIT_DAYS) throw new Error(`visit documents must be kept at least ${MIN_VISIT_DAYS} days (got ${visitDays})`);
  const sites = await pool.query<{ site: string }>('SELECT site FROM central_sites WHERE last_event_at IS NOT NULL ORDER BY site');
  const report: PruneReport = { sites: 0, tickets: 0, followUps: 0 };
  for (const { site } of sites.rows) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Waits for an ingest batch of this site to finish; the newest event is read under the lock.
      const row = (await client.query<{ time_zone: string; last_event_at: string }>(
        'SELECT time_zone, last_event_at FROM central_sites WHERE site = $1 FOR UPDATE', [site])).rows[0]!;
      const before = addDays(businessDay(Number(row.last_event_at), row.time_zone), -visitDays);
      const tickets = await client.query('DELETE FROM central_tickets WHERE site = $1 AND day < $2', [site, before]);
      const followUps = await client.query('DELETE FROM central_follow_ups WHERE site = $1 AND day < $2', [site, before]);
      await client.query('COMMIT');
      report.tickets += tickets.rowCount ?? 0;
      report.followUps += followUps.rowCount ?? 0;
      if ((tickets.rowCount ?? 0) + (followUps.rowCount ?? 0) > 0) report.sites++;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  return report;
}

export interface VisitRetentionOptions {
  visitDays?: number;
  /** Zone of the city's day (once per day). */
  timeZone: string;
  now?: () => number;
  log?: (line: string) => void;
}

/** The daily prune of the city server. */
export class VisitRetention {
  private timer: NodeJS.Timeout | undefined;
  private lastDay: string | undefined;
  private running: Promise<unknown> = Promise.resolve();
  readonly visitDays: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly pool: Pool, private readonly opts: VisitRetentionOptions) {
    this.visitDays = opts.visitDays ?? DEFAULT_VISIT_DAYS;
    if (!Number.isInteger(this.visitDays) || this.visitDays < MIN_VISIT_DAYS) throw new Error(`visit documents must be kept at least ${MIN_VISIT_DAYS} days (got ${this.visitDays})`);
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? ((line) => console.log(line));
  }

  /** Checks now (without holding up the start) and then every hour. */
  start(): this {
    this.tick();
    this.timer = setInterval(() => this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running = this.runDue().catch((err) => this.log(`yichuang central: pruning visit documents failed, retrying within the hour: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Prunes unless today's prune already ran; null when it had. */
  async runDue(): Promise<PruneReport | null> {
    const today = businessDay(this.now(), this.opts.timeZone);
    if (this.lastDay === today) return null;
    const report = await pruneVisitDocuments(this.pool, this.visitDays);
    this.lastDay = today; // only once it succeeded: a failed prune is tried again at the next check
    if (report.tickets + report.followUps > 0) {
      this.log(`yichuang central: removed ${report.tickets} visit and ${report.followUps} follow-up documents older than ${this.visitDays} days at ${report.sites} site(s); day totals are kept`);
    }
    return report;
  }
}
