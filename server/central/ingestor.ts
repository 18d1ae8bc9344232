// The city's ingestion: takes what sites left in the inbox, checks each site's hash chain from the head
// the city already holds, folds the accepted events into visit documents and per-day totals, all in one
// transaction per site batch. A broken chain refuses that site from the bad event on (recorded on the
// site's row and in central_refusals); every other site carries on. Several city processes may run:
// a site's row is locked while its batch is ingested and busy sites are skipped, not waited for.
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { StoredEvent } from '../domain/events.js';
import type { FollowUp, Ticket } from '../domain/types.js';
import type { ChainRow } from '../ledger/hash-chain.js';
import { INBOX_CHANNEL } from './central-schema.js';
import { TOTAL_FIELDS, type DayTotals } from './day-totals.js';
import { checkChain, foldEvents, parseRow, referencedIds, type KnownFollowUp, type Refusal } from './site-fold.js';

export interface IngestorOptions {
  /** Events per site per transaction. */
  batchSize?: number;
  /** Sites ingested side by side. */
  concurrency?: number;
  /** Safety poll besides the inbox notifications. */
  pollMs?: number;
  log?: (line: string) => void;
}

interface InboxDbRow { seq: string; at: string; type: string; data: string; prev_hash: string; hash: string }

const COLUMN = { issued: 'issued', served: 'served', noShow: 'no_show', cancelled: 'cancelled', waited: 'waited', waitMinutes: 'wait_minutes', rated: 'rated', satisfied: 'satisfied', followUps: 'follow_ups', followedUp: 'followed_up' } as const satisfies Record<keyof DayTotals, string>;

const ADD_DAY_FIGURES = `
  INSERT INTO central_day_figures (site, day, ${TOTAL_FIELDS.map((k) => COLUMN[k]).join(', ')})
  SELECT $1, * FROM unnest($2::text[], ${TOTAL_FIELDS.map((k, i) => `$${i + 3}::${k === 'waitMinutes' ? 'float8' : 'int'}[]`).join(', ')})
  ON CONFLICT (site, day) DO UPDATE SET ${TOTAL_FIELDS.map((k) => `${COLUMN[k]} = central_day_figures.${COLUMN[k]} + excluded.${COLUMN[k]}`).join(', ')}`;

export class CentralIngestor {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly log: (line: string) => void;
  private running = false;
  private again = false;
  private current: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private stopped = true;
  private failing: string | undefined;

  constructor(private readonly pool: Pool, opts: IngestorOptions = {}) {
    this.batchSize = opts.batchSize ?? 2000;
    this.concurrency = opts.concurrency ?? 4;
    this.pollMs = opts.pollMs ?? 2000;
    this.log = opts.log ?? ((line) => console.log(line));
  }

  /** Sites whose next event is waiting in the inbox (refused sites wait for an operator). */
  async pendingSites(): Promise<string[]> {
    const r = await this.pool.query<{ site: string }>(`
      SELECT s.site FROM central_sites s
      WHERE s.refused_seq IS NULL AND s.received_seq > s.head_seq AND EXISTS (SELECT 1 FROM central_inbox i WHERE i.site = s.site AND i.seq = s.head_seq + 1)
      ORDER BY s.site`);
    return r.rows.map((row) => row.site);
  }

  /**
   * Ingests everything waiting now; resolves with the number of accepted events. A site whose batch
   * fails (not a refusal: a database error) is left for the next round while the others go on; the
   * failure is then reported by rejecting.
   */
  async drain(): Promise<number> {
    let total = 0;
    const failed = new Map<string, unknown>();
    for (;;) {
      const sites = (await this.pendingSites()).filter((s) => !failed.has(s));
      if (sites.length === 0) break;
      let progressed = 0;
      const queue = [...sites];
      await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
        for (let site = queue.shift(); site !== undefined; site = queue.shift()) {
          try {
            for (;;) {
              const n = await this.ingestSite(site);
              progressed += n;
              if (n < this.batchSize) break;
            }
          } catch (err) {
            failed.set(site, err);
          }
        }
      }));
      total += progressed;
      if (progressed === 0) break; // what is left is locked by another city process, or failing
    }
    if (failed.size > 0) {
      const [site, err] = [...failed][0]!;
      throw new Error(`${failed.size} site(s) not ingested (${site}: ${err instanceof Error ? err.message : String(err)})`);
    }
    return total;
  }

  /** One batch of one site, in one transaction. Returns how many events were accepted. */
  async ingestSite(site: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const head = await client.query<{ head_seq: string; head_hash: string; time_zone: string; refused_seq: string | null }>(
        'SELECT head_seq, head_hash, time_zone, refused_seq FROM central_sites WHERE site = $1 FOR UPDATE SKIP LOCKED', [site]);
      const h = head.rows[0];
      if (!h || h.refused_seq !== null) {
        await client.query('COMMIT');
        return 0;
      }
      const headSeq = Number(h.head_seq);
      const inbox = await client.query<InboxDbRow>(
        'SELECT seq, at, type, data, prev_hash, hash FROM central_inbox WHERE site = $1 AND seq > $2 ORDER BY seq LIMIT $3', [site, headSeq, this.batchSize]);
      const rows: ChainRow[] = inbox.rows.map((r) => ({ seq: Number(r.seq), at: Number(r.at), type: r.type, data: r.data, prevHash: r.prev_hash, hash: r.hash }));
      const check = checkChain({ seq: headSeq, hash: h.head_hash }, rows);
      let refusal: Refusal | undefined = check.refusal;
      const events: StoredEvent[] = [];
      for (const row of check.accepted) {
        try {
          events.push(parseRow(row));
        } catch (err) {
          refusal = { seq: row.seq, reason: `event ${row.seq} body cannot be read: ${err instanceof Error ? err.message : String(err)}` };
          break;
        }
      }
      const fold = foldEvents(h.time_zone, events, await this.known(client, site, events));
      if (fold.refusal) refusal = fold.refusal;
      const accepted = check.accepted.slice(0, fold.applied);
      await this.store(client, site, accepted, fold);
      if (refusal) {
        await client.query(`UPDATE central_sites SET refused_seq = $2, refused_reason = $3, refused_at = now() WHERE site = $1`, [site, refusal.seq, refusal.reason]);
        await client.query('INSERT INTO central_refusals (site, seq, reason) VALUES ($1, $2, $3)', [site, refusal.seq, refusal.reason]);
      }
      await client.query('COMMIT');
      if (refusal) this.log(`yichuang central: site ${site} refused from event ${refusal.seq}: ${refusal.reason}`);
      return accepted.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async known(client: PoolClient, site: string, events: StoredEvent[]): Promise<{ tickets: Ticket[]; followUps: KnownFollowUp[] }> {
    const ids = referencedIds(events);
    const tickets = ids.ticketIds.length === 0 ? [] : (await client.query<{ doc: Ticket }>(
      'SELECT doc FROM central_tickets WHERE site = $1 AND id = ANY($2::text[])', [site, ids.ticketIds])).rows.map((r) => r.doc);
    const followUps = ids.followUpIds.length === 0 ? [] : (await client.query<{ doc: FollowUp; day: string }>(
      'SELECT doc, day FROM central_follow_ups WHERE site = $1 AND id = ANY($2::text[])', [site, ids.followUpIds])).rows;
    return { tickets, followUps };
  }

  private async store(client: PoolClient, site: string, accepted: ChainRow[], fold: ReturnType<typeof foldEvents>): Promise<void> {
    if (accepted.length === 0) return;
    await client.query(
      `INSERT INTO central_events (site, seq, at, type, data, prev_hash, hash)
       SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [site, accepted.map((r) => r.seq), accepted.map((r) => r.at), accepted.map((r) => r.type), accepted.map((r) => r.data), accepted.map((r) => r.prevHash), accepted.map((r) => r.hash)]);
    if (fold.tickets.length > 0) {
      await client.query(
        `INSERT INTO central_tickets (site, id, day, doc) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[])
         ON CONFLICT (site, id) DO UPDATE SET doc = excluded.doc`,
        [site, fold.tickets.map((t) => t.id), fold.tickets.map((t) => t.day), fold.tickets.map((t) => JSON.stringify(t))]);
    }
    if (fold.followUps.length > 0) {
      await client.query(
        `INSERT INTO central_follow_ups (site, id, day, doc) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[])
         ON CONFLICT (site, id) DO UPDATE SET doc = excluded.doc`,
        [site, fold.followUps.map((f) => f.doc.id), fold.followUps.map((f) => f.day), fold.followUps.map((f) => JSON.stringify(f.doc))]);
    }
    if (fold.deltas.size > 0) {
      const days = [...fold.deltas.keys()];
      const totals = [...fold.deltas.values()];
      await client.query(ADD_DAY_FIGURES, [site, days, ...TOTAL_FIELDS.map((k) => totals.map((t) => t[k]))]);
    }
    const last = accepted[accepted.length - 1]!;
    await client.query(
      'UPDATE central_sites SET head_seq = $2, head_hash = $3, last_event_at = greatest(coalesce(last_event_at, 0), $4) WHERE site = $1',
      [site, last.seq, last.hash, last.at]);
    await client.query('DELETE FROM central_inbox WHERE site = $1 AND seq <= $2', [site, last.seq]);
  }

  // ---- running ----------------------------------------------------------------------------------

  /** Ingests on every inbox notification and on a safety poll, until stop(). */
  async start(): Promise<void> {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    await this.listen();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
    await this.current;
  }

  /** Runs a drain now, or once more right after the one running. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = (async () => {
      do {
        this.again = false;
        try {
          await this.drain();
          if (this.failing) this.log('yichuang central: ingestion works again');
          this.failing = undefined;
        } catch (err) {
          // Once per kind of failure, not once per poll while the database is away.
          const message = err instanceof Error ? err.message : String(err);
          if (message !== this.failing) this.log(`yichuang central: ingestion failed, retrying: ${message}`);
          this.failing = message;
          break;
        }
      } while (this.again && !this.stopped);
      this.running = false;
    })();
  }

  /** A dedicated connection LISTENing on the inbox channel; re-established after a loss (the poll covers the gap). */
  private async listen(): Promise<void> {
    if (this.stopped || this.listener) return;
    const client = new pg.Client({ connectionString: (this.pool.options as { connectionString?: string }).connectionString, keepAlive: true });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(), this.pollMs).unref();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', () => this.kick());
    try {
      await client.connect();
      await client.query(`LISTEN ${INBOX_CHANNEL}`);
      if (this.stopped) await client.end();
      else this.listener = client;
    } catch {
      onLost();
    }
  }
}
