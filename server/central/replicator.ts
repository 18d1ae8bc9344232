// A site's link to the city: sends the site's ledger events to the central database's inbox. The
// site's append-only ledger is the outbox and the city's high-water mark for the site is the cursor,
// so the link resumes exactly where the city stopped acknowledging — after a restart of either side or
// a cut line — and a resend is harmless (the inbox is keyed by site and sequence). The hub never waits
// for it: the site keeps issuing while the city is unreachable, and catches up in batches afterwards.
import pg from 'pg';
import type { StoredEvent } from '../domain/events.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { LedgerStore } from '../ledger/store.js';
import { INBOX_CHANNEL, migrateCentral } from './central-schema.js';

export interface SiteIdentity {
  /** `center.code` of the site's configuration. */
  code: string;
  name: string;
  timeZone: string;
}

export interface ReplicatorOptions {
  url: string;
  site: SiteIdentity;
  store: Pick<LedgerStore, 'readEvents' | 'head'>;
  /** Events per delivery. */
  batchSize?: number;
  /** How long to sleep when there is nothing to send (a commit wakes it earlier). */
  idleMs?: number;
  /** The city is told the site is alive at least this often. */
  heartbeatMs?: number;
  /** Backoff after a failure: doubles from `min` up to `max`, with jitter. */
  retryMs?: { min: number; max: number };
  log?: (line: string) => void;
}

/** `refused`: the city answered, but refuses this site's ledger (a broken chain) until an operator resets it there. */
export type LinkState = 'connecting' | 'sending' | 'up-to-date' | 'offline' | 'refused' | 'stopped';

export interface LinkStatus {
  state: LinkState;
  /** The highest event of this site the city holds (received), as last reported. */
  acknowledged: number | null;
  lastError: string | null;
  lastSuccessAt: string | null;
}

export class Replicator {
  private readonly pool: pg.Pool;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly heartbeatMs: number;
  private readonly retry: { min: number; max: number };
  private readonly log: (line: string) => void;
  private cursor: number | undefined;
  private failures = 0;
  private lastRegister = 0;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private migrated = false;
  private readonly st: LinkStatus = { state: 'stopped', acknowledged: null, lastError: null, lastSuccessAt: null };

  constructor(private readonly opts: ReplicatorOptions) {
    this.batchSize = opts.batchSize ?? 500;
    this.idleMs = opts.idleMs ?? 5000;
    this.heartbeatMs = opts.heartbeatMs ?? 60_000;
    this.retry = opts.retryMs ?? { min: 1000, max: 60_000 };
    this.log = opts.log ?? ((line) => console.log(line));
    // One connection is plenty; short timeouts so a dead line is noticed, not waited on.
    this.pool = new pg.Pool({ connectionString: opts.url, max: 1, connectionTimeoutMillis: 5000, query_timeout: 30_000, keepAlive: true, idleTimeoutMillis: 30_000 });
    this.pool.on('error', () => undefined); // an idle connection dropped by the city: the next round reconnects
  }

  status(): LinkStatus {
    return { ...this.st };
  }

  start(): void {
    if (this.loop) return;
    this.st.state = 'connecting';
    this.loop = this.run();
  }

  /** New events were committed: send them now rather than at the next idle tick (not while backing off). */
  wake(): void {
    if (this.failures === 0) this.wakeUp?.();
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    this.st.state = 'stopped';
    this.wakeUp?.();
    // A round blocked on a dead line must not hold the hub's shutdown.
    if (loop) await Promise.race([loop, new Promise((r) => setTimeout(r, 3000).unref())]);
    await Promise.race([this.pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  }

  private get running(): boolean {
    return this.st.state !== 'stopped';
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.sendOnce();
        if (this.failures > 0) this.log(`yichuang: city link restored, the city holds events up to ${this.cursor}`);
        this.failures = 0;
        this.st.lastError = null;
        this.st.lastSuccessAt = new Date().toISOString();
        if (!this.running) break;
        this.st.state = sent === this.batchSize ? 'sending' : 'up-to-date';
      } catch (err) {
        if (!this.running) break;
        const message = err instanceof Error ? err.message : String(err);
        if (this.failures === 0) {
          this.log(err instanceof CityRefusal ? `yichuang: ${message}; the site keeps working and retries` : `yichuang: city link down (${message}); the site keeps working and will resend`);
        }
        this.failures++;
        this.cursor = undefined; // ask the city again where it stands once it answers
        this.st.state = err instanceof CityRefusal ? 'refused' : 'offline';
        this.st.lastError = message;
      }
      if (sent === this.batchSize) continue;
      await this.sleep(this.failures > 0 ? this.backoff() : this.idleMs);
    }
  }

  private backoff(): number {
    const base = Math.min(this.retry.max, this.retry.min * 2 ** Math.min(this.failures - 1, 20));
    return base / 2 + Math.random() * (base / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }

  /**
   * One delivery: (re)register and learn the cursor when needed, then send the next batch; resolves
   * with how many events went out. The running link calls it in its loop; a bulk sender can call it
   * directly until it returns 0.
   */
  async sendOnce(): Promise<number> {
    if (!this.migrated) {
      await migrateCentral(this.pool);
      this.migrated = true;
    }
    // Re-asking now and then also picks up an operator's reset of a refused site (the city then wants
    // everything after its head again).
    if (this.cursor === undefined || Date.now() - this.lastRegister >= this.heartbeatMs) {
      this.cursor = await this.register();
      const head = await this.opts.store.head();
      if (head.seq < this.cursor) {
        this.log(`yichuang: the city already holds ${this.cursor} events of site ${this.opts.site.code}, this ledger has ${head.seq}: is another ledger reporting under the same center.code?`);
      }
    }
    const events = await this.opts.store.readEvents(this.cursor, this.batchSize);
    if (events.length === 0) return 0;
    // Normally the last event sent; lower when the city was reset meanwhile and wants an earlier part again.
    this.cursor = Math.min(events[events.length - 1]!.seq, await this.deliver(events));
    this.st.acknowledged = this.cursor;
    return events.length;
  }

  /**
   * Makes the site known (name and zone as configured now) and returns the city's high-water mark for it.
   * A site the city refuses hears it here too, also when it has nothing new to send.
   */
  private async register(): Promise<number> {
    const { code, name, timeZone } = this.opts.site;
    const r = await this.pool.query<{ hw: string; refused_seq: string | null; refused_reason: string | null }>(`
      WITH site AS (
        INSERT INTO central_sites (site, name, time_zone) VALUES ($1, $2, $3)
        ON CONFLICT (site) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, last_contact_at = now()
        RETURNING head_seq, received_seq, refused_seq, refused_reason)
      SELECT greatest(head_seq, received_seq) AS hw, refused_seq, refused_reason FROM site`,
      [code, name, timeZone]);
    this.lastRegister = Date.now();
    const row = r.rows[0]!;
    const hw = Number(row.hw);
    this.st.acknowledged = hw;
    if (row.refused_seq !== null) throw new CityRefusal(code, Number(row.refused_seq), row.refused_reason ?? '');
    return hw;
  }

  /**
   * One statement, so one transaction: the rows, the contact time and the wake-up of the city. Returns
   * the city's high-water mark for the site afterwards. A refused site's rows are not stored (its inbox
   * stays bounded until an operator resets it): that is a CityRefusal. The mark moves only over rows
   * that follow on from it: a batch from beyond it (sent from a cursor an operator's reset has just
   * moved back) is kept aside and the mark says where to resend from, so no event is skipped.
   */
  private async deliver(events: StoredEvent[]): Promise<number> {
    const r = await this.pool.query<{ received: string | null; refused_seq: string | null; refused_reason: string | null }>(`
      WITH site AS (SELECT refused_seq, refused_reason FROM central_sites WHERE site = $1),
      rows AS (
        INSERT INTO central_inbox (site, seq, at, type, data, prev_hash, hash)
        SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
        WHERE NOT EXISTS (SELECT 1 FROM site WHERE refused_seq IS NOT NULL)
        ON CONFLICT (site, seq) DO NOTHING RETURNING 1),
      contact AS (
        UPDATE central_sites SET last_contact_at = now(), received_seq = CASE
          WHEN refused_seq IS NULL AND NOT EXISTS (SELECT 1 FROM site WHERE refused_seq IS NOT NULL) AND $9 <= received_seq + 1
          THEN greatest(received_seq, $8) ELSE received_seq END
        WHERE site = $1 RETURNING received_seq)
      SELECT (SELECT received_seq FROM contact) AS received, (SELECT refused_seq FROM site) AS refused_seq,
        (SELECT refused_reason FROM site) AS refused_reason, pg_notify('${INBOX_CHANNEL}', $1)`,
      [this.opts.site.code, events.map((e) => e.seq), events.map((e) => e.at), events.map((e) => e.type),
        events.map((e) => canonicalJson(e.data)), events.map((e) => e.prevHash), events.map((e) => e.hash), events[events.length - 1]!.seq, events[0]!.seq]);
    const row = r.rows[0]!;
    if (row.refused_seq !== null) throw new CityRefusal(this.opts.site.code, Number(row.refused_seq), row.refused_reason ?? '');
    if (row.received === null) throw new Error(`the city does not know site ${this.opts.site.code}`);
    return Number(row.received);
  }
}

/** The city refused this site (a broken hash chain): nothing more is stored until an operator resets it there. */
export class CityRefusal extends Error {
  constructor(site: string, readonly seq: number, readonly reason: string) {
    super(`城市端自第 ${seq} 条事件起拒收站点 ${site}（${reason}），请城市管理员核查后重置 / the city refused site ${site} from event ${seq} (${reason}): an operator must check and reset it at the city`);
    this.name = 'CityRefusal';
  }
}
