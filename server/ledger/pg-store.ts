// The ledger in PostgreSQL (YICHUANG_LEDGER_URL=postgres://…), for a center that outgrows one machine:
// the same events, hash chain, projections and sealed personal data as the SQLite store, and several hub
// processes may share it. Writers serialise on a transaction-scoped advisory lock; under it each batch
// first sees what other hubs appended (see LedgerStore.commit), then appends after the head it read, so
// sequence numbers and ticket numbers stay unique and gap-free. A NOTIFY tells the other hubs to catch up.
import pg from 'pg';
import type { StoredEvent } from '../domain/events.js';
import type { VisitFact } from '../domain/stats.js';
import type { Complaint, FollowUp, Ticket } from '../domain/types.js';
import { canonicalJson } from './canonical-json.js';
import { ChainVerifier, GENESIS_HASH, chainHash } from './hash-chain.js';
import type { PersonalRecord } from './personal-vault.js';
import { factColumns, likePattern, personalRefsOf, ticketDocument, toChainRow, toStored, toVisitFacts, visitSearchText, type EventRowDb, type FactRow } from './stored-rows.js';
import { migrate } from './pg-migrations.js';
import type { AccountRecord, CommitBatch, LedgerStore, VisitQuery, VisitRecord } from './store.js';

const WRITE_LOCK = 0x79637772; // 'ycwr'
/** A current staff member's phone is not a visitor's data: purges and retention keep it. */
const STAFF_PERSONAL_REFS = `SELECT doc::jsonb ->> 'personalRef' FROM staff WHERE doc::jsonb ->> 'personalRef' IS NOT NULL`;
const CHANNEL = 'yichuang_events';
const PAGE = 5000;
/** A hub still catching up on an older configuration change finds its sealed copy for this long. */
const SEALED_CONFIG_KEPT_MS = 3_600_000;


// BIGINT columns hold milliseconds and sequence numbers, all far below 2^53: read them as numbers.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `($1, $2), ($3, $4)` for rows of equal width, with their flattened parameters. */
function values(rows: unknown[][]): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const text = rows.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`).join(', ');
  return { text, params };
}



export class PgStore implements LedgerStore {
  readonly kind = 'postgres' as const;
  private listener: pg.Client | undefined;
  private closed = false;

  private constructor(readonly pool: pg.Pool, private readonly url: string) {}

  /** Connects, applies the schema migrations, and returns the store. */
  static async open(url: string, opts: { poolSize?: number } = {}): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types });
    pool.on('error', (err) => console.error('yichuang: PostgreSQL pool error', err.message));
    const client = await pool.connect().catch((err: Error) => {
      void pool.end();
      throw new Error(`YICHUANG_LEDGER_URL: cannot connect to PostgreSQL: ${err.message}`);
    });
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    return new PgStore(pool, url);
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const { rows } = await this.pool.query<{ seq: number; hash: string }>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    return rows[0] ?? { seq: 0, hash: GENESIS_HASH };
  }

  async commit(afterSeq: number, prepare: Parameters<LedgerStore['commit']>[1]): Promise<StoredEvent[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const newer = (await client.query<EventRowDb>('SELECT * FROM events WHERE seq > $1 ORDER BY seq', [afterSeq])).rows;
      const head = newer.length ? newer[newer.length - 1]! : (await client.query<EventRowDb>('SELECT seq, hash FROM events WHERE seq = $1', [afterSeq])).rows[0];
      if (afterSeq > 0 && !head) throw new Error(`ledger head ${afterSeq} is missing from the database`);
      const events = newer.map(toStored);
      const keys = await this.subjectKeysWith(client, personalRefsOf(events));
      const batch = prepare(events, (ref) => keys.get(ref));
      if (!batch) {
        await client.query('COMMIT');
        return [];
      }
      const stored = await this.append(client, batch, head?.seq ?? 0, head?.hash ?? GENESIS_HASH);
      await client.query('COMMIT');
      if (batch.purgeBefore !== undefined) {
        // Old row versions keep what a purge erased until the table is rewritten.
        await this.pool.query('VACUUM FULL personal').catch((err: Error) => console.error('yichuang: VACUUM after purge failed', err.message));
      }
      return stored;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async append(client: pg.PoolClient, batch: CommitBatch, headSeq: number, headHash: string): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    const rows: unknown[][] = [];
    let seq = headSeq;
    let prev = headHash;
    for (const e of batch.events) {
      if (e.seq !== seq + 1) throw new Error(`ledger head moved: expected event ${seq + 1}, got ${e.seq}`);
      const data = canonicalJson(e.data);
      const hash = chainHash(prev, e.seq, e.at, e.type, data);
      rows.push([e.seq, e.at, e.type, data, prev, hash]);
      stored.push({ ...e, prevHash: prev, hash } as StoredEvent);
      seq = e.seq;
      prev = hash;
    }
    const q = async (sql: string, list: unknown[][], suffix = '') => {
      if (list.length === 0) return;
      const v = values(list);
      await client.query(`${sql} VALUES ${v.text} ${suffix}`, v.params);
    };
    await q('INSERT INTO events (seq, at, type, data, prev_hash, hash)', rows);
    await q('INSERT INTO personal (ref, created_at, sealed, subject_key, masked_name, masked_phone)',
      batch.personal.map((p) => [p.ref, p.createdAt, p.sealed, p.subjectKey ?? null, p.maskedName ?? null, p.maskedPhone ?? null]));
    await q('INSERT INTO accounts (username, staff_id, role, password_hash, updated_at)',
      batch.accounts.map((a) => [a.username, a.staffId, a.role, a.passwordHash, a.updatedAt]),
      'ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, updated_at = excluded.updated_at');
    const p = batch.projections;
    await q(`INSERT INTO tickets (id, day, service_id, window_id, staff_id, status, rating, personal_ref, doc,
        issued_at, first_called_at, called_at, started_at, finished_at, transfers, search)`,
      p.tickets.map((t) => [t.id, t.day, t.serviceId, t.windowId ?? null, t.staffId ?? null, t.status, t.rating ?? null, t.personalRef ?? null, ticketDocument(t),
        t.issuedAt, t.firstCalledAt ?? null, t.calledAt ?? null, t.startedAt ?? null, t.finishedAt ?? null, t.transfers.length, visitSearchText(t)]),
      `ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, window_id = excluded.window_id, staff_id = excluded.staff_id,
       status = excluded.status, rating = excluded.rating, doc = excluded.doc, first_called_at = excluded.first_called_at,
       called_at = excluded.called_at, started_at = excluded.started_at, finished_at = excluded.finished_at,
       transfers = excluded.transfers, search = excluded.search`);
    await q('INSERT INTO windows (id, doc)', p.windows.map((w) => [w.id, JSON.stringify(w)]), 'ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
    await q('INSERT INTO staff (id, username, doc)', p.staff.map((s) => [s.id, s.username, JSON.stringify(s)]), 'ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
    await q('INSERT INTO follow_ups (id, status, due_at, doc)', p.followUps.map((f) => [f.id, f.status, f.dueAt, JSON.stringify(f)]),
      'ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc');
    await q('INSERT INTO complaints (id, status, doc)', p.complaints.map((c) => [c.id, c.status, JSON.stringify(c)]),
      'ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc');
    if (batch.purgeBefore !== undefined) {
      await client.query(`UPDATE personal SET sealed = NULL, subject_key = NULL, masked_name = NULL, masked_phone = NULL, purged_at = $1
        WHERE created_at < $2 AND purged_at IS NULL AND ref NOT IN (${STAFF_PERSONAL_REFS})`, [batch.events[0]?.at ?? Date.now(), batch.purgeBefore]);
    }
    // Delivered on commit: the other hubs read what is new before their next snapshot or decision.
    if (stored.length) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(seq)]);
    return stored;
  }

  async watch(onAppended: () => void): Promise<void> {
    const connect = async (): Promise<void> => {
      const client = new pg.Client({ connectionString: this.url, types });
      client.on('notification', () => onAppended());
      client.on('error', () => undefined);
      client.on('end', () => {
        if (this.closed) return;
        this.listener = undefined;
        // Reconnect and catch up on whatever was appended while the link was down.
        setTimeout(() => void connect().then(onAppended, () => undefined), 1000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    };
    await connect();
  }

  async readEvents(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRowDb>('SELECT * FROM events WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
    return rows.map(toStored);
  }

  async eventsOfType(types: string[], range: { fromMs?: number; toMs?: number; limit?: number; newestFirst?: boolean }): Promise<StoredEvent[]> {
    if (types.length === 0) return [];
    const { rows } = await this.pool.query<EventRowDb>(
      `SELECT * FROM events WHERE type = ANY($1) AND at >= $2 AND at < $3 ORDER BY seq ${range.newestFirst ? 'DESC' : 'ASC'} LIMIT $4`,
      [types, range.fromMs ?? 0, range.toMs ?? Number.MAX_SAFE_INTEGER, range.limit ?? null]);
    return rows.map(toStored);
  }

  async verify() {
    const verifier = new ChainVerifier();
    let after = -1;
    for (;;) {
      const { rows } = await this.pool.query<EventRowDb>('SELECT * FROM events WHERE seq > $1 ORDER BY seq LIMIT $2', [after, PAGE]);
      let intact = true;
      for (const row of rows) if (!(intact = verifier.push(toChainRow(row)))) break;
      if (!intact || rows.length < PAGE) break;
      after = rows[rows.length - 1]!.seq;
    }
    return verifier.result();
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    const { rows } = await this.pool.query<{ doc: string }>('SELECT doc FROM tickets WHERE id = $1', [id]);
    return rows[0] ? (JSON.parse(rows[0].doc) as Ticket) : undefined;
  }

  /** WHERE clause and parameters of a visit query's filters ($1… numbered). */
  private visitFilter(q: VisitQuery): { where: string; params: unknown[] } {
    const params: unknown[] = [q.fromDay, q.toDay];
    const where = ['t.day >= $1', 't.day <= $2'];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.serviceId !== undefined) add('t.service_id = ?', q.serviceId);
    if (q.windowId !== undefined) add('t.window_id = ?', q.windowId);
    if (q.staffId !== undefined) add('t.staff_id = ?', q.staffId);
    if (q.rating !== undefined) add('t.rating = ?', q.rating);
    if (q.text) add(`t.search LIKE ? ESCAPE '\\'`, likePattern(q.text));
    return { where: where.join(' AND '), params };
  }

  async visits(q: VisitQuery): Promise<VisitRecord[]> {
    const { where, params } = this.visitFilter(q);
    params.push(q.limit ?? null, q.offset ?? 0);
    const order = q.newestFirst ? 't.day DESC, t.pos DESC' : 't.day, t.pos';
    const { rows } = await this.pool.query<{ doc: string; masked_name: string | null; masked_phone: string | null }>(
      `SELECT t.doc, p.masked_name, p.masked_phone FROM tickets t LEFT JOIN personal p ON p.ref = t.personal_ref
       WHERE ${where} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return rows.map((r) => ({ ticket: JSON.parse(r.doc) as Ticket, maskedName: r.masked_name, maskedPhone: r.masked_phone }));
  }

  async countVisits(q: VisitQuery): Promise<number> {
    const { where, params } = this.visitFilter(q);
    return (await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets t WHERE ${where}`, params)).rows[0]!.n;
  }

  async visitFacts(q: VisitQuery): Promise<VisitFact[]> {
    const { where, params } = this.visitFilter(q);
    const { rows } = await this.pool.query<FactRow>({ text: `SELECT ${factColumns('chr(31)')} FROM tickets t WHERE ${where}`, values: params, rowMode: 'array' });
    return toVisitFacts(rows);
  }

  async followUps(status?: 'open' | 'done'): Promise<FollowUp[]> {
    const { rows } = status
      ? await this.pool.query<{ doc: string }>('SELECT doc FROM follow_ups WHERE status = $1 ORDER BY due_at', [status])
      : await this.pool.query<{ doc: string }>('SELECT doc FROM follow_ups ORDER BY due_at');
    return rows.map((r) => JSON.parse(r.doc) as FollowUp);
  }

  async complaints(): Promise<Complaint[]> {
    const { rows } = await this.pool.query<{ doc: string }>('SELECT doc FROM complaints ORDER BY pos');
    return rows.map((r) => JSON.parse(r.doc) as Complaint);
  }

  async personal(refs: string[]): Promise<PersonalRecord[]> {
    if (refs.length === 0) return [];
    const { rows } = await this.pool.query<{ ref: string; created_at: number; sealed: Buffer; subject_key: string | null; masked_name: string | null; masked_phone: string | null }>(
      'SELECT * FROM personal WHERE ref = ANY($1) AND sealed IS NOT NULL', [refs]);
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    return refs.flatMap((ref) => {
      const r = byRef.get(ref);
      return r ? [{ ref: r.ref, createdAt: r.created_at, sealed: r.sealed, subjectKey: r.subject_key ?? undefined, maskedName: r.masked_name ?? undefined, maskedPhone: r.masked_phone ?? undefined }] : [];
    });
  }

  async subjectKeys(refs: string[]): Promise<Map<string, string>> {
    return this.subjectKeysWith(this.pool, refs);
  }

  private async subjectKeysWith(db: pg.Pool | pg.PoolClient, refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const { rows } = await db.query<{ ref: string; subject_key: string }>(
      'SELECT ref, subject_key FROM personal WHERE ref = ANY($1) AND subject_key IS NOT NULL', [refs]);
    return new Map(rows.map((r) => [r.ref, r.subject_key]));
  }

  async countPersonalBefore(beforeMs: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM personal WHERE created_at < $1 AND purged_at IS NULL AND ref NOT IN (${STAFF_PERSONAL_REFS})`, [beforeMs]);
    return rows[0]!.n;
  }

  async putSealedConfig(ref: string, at: number, sealed: Buffer): Promise<void> {
    await this.pool.query('INSERT INTO sealed_configs (ref, at, sealed) VALUES ($1, $2, $3)', [ref, at, sealed]);
    // Superseded copies go; the one the newest config.changed names stays (this put's change may yet be refused).
    await this.pool.query(`DELETE FROM sealed_configs WHERE at < $1 AND ref <> (
      SELECT data::jsonb ->> 'sealedRef' FROM events WHERE type = 'config.changed' ORDER BY at DESC, seq DESC LIMIT 1)`, [at - SEALED_CONFIG_KEPT_MS]);
  }

  async sealedConfig(ref: string): Promise<Buffer | undefined> {
    return (await this.pool.query<{ sealed: Buffer }>('SELECT sealed FROM sealed_configs WHERE ref = $1', [ref])).rows[0]?.sealed;
  }

  async account(username: string): Promise<AccountRecord | undefined> {
    const { rows } = await this.pool.query<{ username: string; staff_id: string; role: AccountRecord['role']; password_hash: string; updated_at: number }>(
      'SELECT * FROM accounts WHERE username = $1', [username]);
    const r = rows[0];
    return r && { username: r.username, staffId: r.staff_id, role: r.role, passwordHash: r.password_hash, updatedAt: r.updated_at };
  }

  async accountCount(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')).rows[0]!.n;
  }

  async setPassword(username: string, passwordHash: string, now: number): Promise<void> {
    await this.pool.query('UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE username = $3', [passwordHash, now, username]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

