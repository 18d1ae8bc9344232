// The embedded default ledger: SQLite via better-sqlite3, WAL mode with synchronous=FULL, so when
// commit() returns the batch's events are on disk. One transaction per batch (group commit): events,
// projections and personal records land together or not at all.
import Database from 'better-sqlite3';
import type { StoredEvent } from '../domain/events.js';
import type { VisitFact } from '../domain/stats.js';
import type { Complaint, FollowUp, Ticket } from '../domain/types.js';
import { canonicalJson } from './canonical-json.js';
import { ChainVerifier, GENESIS_HASH, chainHash } from './hash-chain.js';
import type { PersonalRecord } from './personal-vault.js';
import { factColumns, likePattern, ticketDocument, toChainRow, toStored, toVisitFacts, visitSearchText, type EventRowDb, type FactRow } from './stored-rows.js';
import type { AccountRecord, CommitBatch, LedgerStore, VisitQuery, VisitRecord } from './store.js';

const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
-- Append-only, also against a slip of a maintenance script; an attacker who drops these is caught by verify.
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END;
CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY, day TEXT NOT NULL, service_id TEXT NOT NULL, window_id TEXT, staff_id TEXT,
  status TEXT NOT NULL, rating TEXT, personal_ref TEXT, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tickets_day ON tickets (day);
CREATE TABLE IF NOT EXISTS windows (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS staff (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS follow_ups (id TEXT PRIMARY KEY, status TEXT NOT NULL, due_at INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS complaints (id TEXT PRIMARY KEY, status TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS personal (
  ref TEXT PRIMARY KEY, created_at INTEGER NOT NULL, sealed BLOB, subject_key TEXT,
  masked_name TEXT, masked_phone TEXT, purged_at INTEGER);
CREATE INDEX IF NOT EXISTS personal_created ON personal (created_at);
-- The audit trail (reveals, configuration changes, purges) reads events by type and time.
CREATE INDEX IF NOT EXISTS events_type_at ON events (type, at);
CREATE TABLE IF NOT EXISTS accounts (
  username TEXT PRIMARY KEY, staff_id TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL, updated_at INTEGER NOT NULL);
`;

/**
 * Version 2: the visit columns statistics and the ledger browser filter on, so a year of visits is
 * summarized from columns instead of parsing every ticket document. Existing rows are filled from the doc.
 */
const MIGRATE_TO_2 = `
ALTER TABLE tickets ADD COLUMN issued_at INTEGER;
ALTER TABLE tickets ADD COLUMN first_called_at INTEGER;
ALTER TABLE tickets ADD COLUMN called_at INTEGER;
ALTER TABLE tickets ADD COLUMN started_at INTEGER;
ALTER TABLE tickets ADD COLUMN finished_at INTEGER;
ALTER TABLE tickets ADD COLUMN transfers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN search TEXT;
UPDATE tickets SET issued_at = json_extract(doc, '$.issuedAt'), first_called_at = json_extract(doc, '$.firstCalledAt'),
  called_at = json_extract(doc, '$.calledAt'), started_at = json_extract(doc, '$.startedAt'), finished_at = json_extract(doc, '$.finishedAt'),
  transfers = json_array_length(doc, '$.transfers'),
  search = lower(coalesce(json_extract(doc, '$.matter'), '') || char(10) || coalesce(json_extract(doc, '$.outcome'), ''));
`;

/** A current staff member's phone is not a visitor's data: purges and retention keep it. */
const STAFF_PERSONAL_REFS = `SELECT json_extract(doc, '$.personalRef') FROM staff WHERE json_extract(doc, '$.personalRef') IS NOT NULL`;

export class SqliteStore implements LedgerStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private headSeq = 0;
  private headHash = GENESIS_HASH;
  private readonly stmt;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL'); // a commit is fsynced before we answer
    this.db.pragma('secure_delete = ON'); // purged personal data is overwritten, not left in free pages
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const version = this.db.prepare(`SELECT value FROM meta WHERE key = 'schema'`).get() as { value: string } | undefined;
    if (version && Number(version.value) > SCHEMA_VERSION) throw new Error(`ledger schema ${version.value} is newer than this hub (${SCHEMA_VERSION})`);
    if (!version || Number(version.value) < 2) {
      this.db.transaction(() => {
        this.db.exec(MIGRATE_TO_2);
        this.db.prepare(`INSERT INTO meta (key, value) VALUES ('schema', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(SCHEMA_VERSION));
      })();
    }

    this.stmt = {
      insertEvent: this.db.prepare('INSERT INTO events (seq, at, type, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)'),
      upsertTicket: this.db.prepare(`INSERT INTO tickets (id, day, service_id, window_id, staff_id, status, rating, personal_ref, doc,
          issued_at, first_called_at, called_at, started_at, finished_at, transfers, search)
        VALUES (@id, @day, @serviceId, @windowId, @staffId, @status, @rating, @personalRef, @doc,
          @issuedAt, @firstCalledAt, @calledAt, @startedAt, @finishedAt, @transfers, @search)
        ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, window_id = excluded.window_id, staff_id = excluded.staff_id,
        status = excluded.status, rating = excluded.rating, doc = excluded.doc, first_called_at = excluded.first_called_at,
        called_at = excluded.called_at, started_at = excluded.started_at, finished_at = excluded.finished_at,
        transfers = excluded.transfers, search = excluded.search`),
      upsertWindow: this.db.prepare('INSERT INTO windows (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc'),
      upsertStaff: this.db.prepare('INSERT INTO staff (id, username, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc'),
      upsertFollowUp: this.db.prepare('INSERT INTO follow_ups (id, status, due_at, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc'),
      upsertComplaint: this.db.prepare('INSERT INTO complaints (id, status, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc'),
      insertPersonal: this.db.prepare('INSERT INTO personal (ref, created_at, sealed, subject_key, masked_name, masked_phone) VALUES (?, ?, ?, ?, ?, ?)'),
      upsertAccount: this.db.prepare(`INSERT INTO accounts (username, staff_id, role, password_hash, updated_at) VALUES (@username, @staffId, @role, @passwordHash, @updatedAt)
        ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, updated_at = excluded.updated_at`),
      purge: this.db.prepare(`UPDATE personal SET sealed = NULL, subject_key = NULL, masked_name = NULL, masked_phone = NULL, purged_at = ?
        WHERE created_at < ? AND purged_at IS NULL AND ref NOT IN (${STAFF_PERSONAL_REFS})`),
    };
    const last = this.db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    if (last) {
      this.headSeq = last.seq;
      this.headHash = last.hash;
    }
  }

  async head() {
    return { seq: this.headSeq, hash: this.headHash };
  }

  async commit(afterSeq: number, prepare: Parameters<LedgerStore['commit']>[1]): Promise<StoredEvent[]> {
    // One process owns the file: nothing can have been appended behind the committer's back.
    if (afterSeq !== this.headSeq) throw new Error(`ledger head moved: the committer is at ${afterSeq}, the store at ${this.headSeq}`);
    const batch = prepare([], () => undefined);
    if (!batch) return [];
    const stored: StoredEvent[] = [];
    let seq = this.headSeq;
    let prev = this.headHash;
    const run = this.db.transaction(() => {
      for (const e of batch.events) {
        if (e.seq !== seq + 1) throw new Error(`ledger head moved: expected event ${seq + 1}, got ${e.seq}`);
        const data = canonicalJson(e.data);
        const hash = chainHash(prev, e.seq, e.at, e.type, data);
        this.stmt.insertEvent.run(e.seq, e.at, e.type, data, prev, hash);
        stored.push({ ...e, prevHash: prev, hash } as StoredEvent);
        seq = e.seq;
        prev = hash;
      }
      for (const p of batch.personal) {
        this.stmt.insertPersonal.run(p.ref, p.createdAt, p.sealed, p.subjectKey ?? null, p.maskedName ?? null, p.maskedPhone ?? null);
      }
      for (const a of batch.accounts) this.stmt.upsertAccount.run(a);
      this.writeProjections(batch.projections);
      if (batch.purgeBefore !== undefined) this.stmt.purge.run(batch.events[0]?.at ?? Date.now(), batch.purgeBefore);
    });
    run.immediate();
    this.headSeq = seq;
    this.headHash = prev;
    // Old page versions in the WAL still hold what a purge erased: fold them into the main file now.
    if (batch.purgeBefore !== undefined) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return stored;
  }

  private writeProjections(p: CommitBatch['projections']): void {
    for (const t of p.tickets) {
      this.stmt.upsertTicket.run({
        id: t.id, day: t.day, serviceId: t.serviceId, windowId: t.windowId ?? null, staffId: t.staffId ?? null,
        status: t.status, rating: t.rating ?? null, personalRef: t.personalRef ?? null, doc: ticketDocument(t),
        issuedAt: t.issuedAt, firstCalledAt: t.firstCalledAt ?? null, calledAt: t.calledAt ?? null, startedAt: t.startedAt ?? null,
        finishedAt: t.finishedAt ?? null, transfers: t.transfers.length, search: visitSearchText(t),
      });
    }
    for (const w of p.windows) this.stmt.upsertWindow.run(w.id, JSON.stringify(w));
    for (const s of p.staff) this.stmt.upsertStaff.run(s.id, s.username, JSON.stringify(s));
    for (const f of p.followUps) this.stmt.upsertFollowUp.run(f.id, f.status, f.dueAt, JSON.stringify(f));
    for (const c of p.complaints) this.stmt.upsertComplaint.run(c.id, c.status, JSON.stringify(c));
  }

  async eventsOfType(types: string[], range: { fromMs?: number; toMs?: number; limit?: number; newestFirst?: boolean }): Promise<StoredEvent[]> {
    if (types.length === 0) return [];
    const sql = `SELECT * FROM events WHERE type IN (${types.map(() => '?').join(', ')}) AND at >= ? AND at < ?
      ORDER BY seq ${range.newestFirst ? 'DESC' : 'ASC'} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...types, range.fromMs ?? 0, range.toMs ?? Number.MAX_SAFE_INTEGER, range.limit ?? -1) as EventRowDb[];
    return rows.map(toStored);
  }

  async readEvents(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = this.db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as EventRowDb[];
    return rows.map(toStored);
  }

  async verify() {
    const verifier = new ChainVerifier();
    // Stored order is rowid order; a reordered or renumbered row shows up as a sequence or link break.
    for (const row of this.db.prepare('SELECT * FROM events ORDER BY rowid').iterate() as IterableIterator<EventRowDb>) {
      if (!verifier.push(toChainRow(row))) break;
    }
    return verifier.result();
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    const row = this.db.prepare('SELECT doc FROM tickets WHERE id = ?').get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Ticket) : undefined;
  }

  /** WHERE clause and parameters of a visit query's filters. */
  private visitFilter(q: VisitQuery): { where: string; params: Record<string, unknown> } {
    const where = ['t.day >= @fromDay', 't.day <= @toDay'];
    const params: Record<string, unknown> = { fromDay: q.fromDay, toDay: q.toDay };
    const eq = (column: string, key: 'serviceId' | 'windowId' | 'staffId' | 'rating') => {
      if (q[key] === undefined) return;
      where.push(`${column} = @${key}`);
      params[key] = q[key];
    };
    eq('t.service_id', 'serviceId');
    eq('t.window_id', 'windowId');
    eq('t.staff_id', 'staffId');
    eq('t.rating', 'rating');
    if (q.text) {
      where.push(`t.search LIKE @text ESCAPE '\\'`);
      params.text = likePattern(q.text);
    }
    return { where: where.join(' AND '), params };
  }

  async visits(q: VisitQuery): Promise<VisitRecord[]> {
    const { where, params } = this.visitFilter(q);
    const order = q.newestFirst ? 't.day DESC, t.rowid DESC' : 't.day, t.rowid';
    const sql = `SELECT t.doc, p.masked_name, p.masked_phone FROM tickets t LEFT JOIN personal p ON p.ref = t.personal_ref
      WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    const rows = this.db.prepare(sql).all({ ...params, limit: q.limit ?? -1, offset: q.offset ?? 0 }) as { doc: string; masked_name: string | null; masked_phone: string | null }[];
    return rows.map((r) => ({ ticket: JSON.parse(r.doc) as Ticket, maskedName: r.masked_name, maskedPhone: r.masked_phone }));
  }

  async countVisits(q: VisitQuery): Promise<number> {
    const { where, params } = this.visitFilter(q);
    return (this.db.prepare(`SELECT count(*) AS n FROM tickets t WHERE ${where}`).get(params) as { n: number }).n;
  }

  /** Statements of visitFacts by filter shape (a few dozen at most): the report cache asks once per day. */
  private readonly factStatements = new Map<string, Database.Statement>();

  async visitFacts(q: VisitQuery): Promise<VisitFact[]> {
    const { where, params } = this.visitFilter(q);
    let stmt = this.factStatements.get(where);
    if (!stmt) this.factStatements.set(where, (stmt = this.db.prepare(`SELECT ${factColumns('char(31)')} FROM tickets t WHERE ${where}`).raw()));
    return toVisitFacts(stmt.all(params) as FactRow[]);
  }

  async followUps(status?: 'open' | 'done'): Promise<FollowUp[]> {
    const rows = (status
      ? this.db.prepare('SELECT doc FROM follow_ups WHERE status = ? ORDER BY due_at').all(status)
      : this.db.prepare('SELECT doc FROM follow_ups ORDER BY due_at').all()) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as FollowUp);
  }

  async complaints(): Promise<Complaint[]> {
    const rows = this.db.prepare('SELECT doc FROM complaints ORDER BY rowid').all() as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as Complaint);
  }

  async personal(refs: string[]): Promise<PersonalRecord[]> {
    const q = this.db.prepare('SELECT * FROM personal WHERE ref = ? AND sealed IS NOT NULL');
    const out: PersonalRecord[] = [];
    for (const ref of refs) {
      const r = q.get(ref) as { ref: string; created_at: number; sealed: Buffer; subject_key: string | null; masked_name: string | null; masked_phone: string | null } | undefined;
      if (r) out.push({ ref: r.ref, createdAt: r.created_at, sealed: r.sealed, subjectKey: r.subject_key ?? undefined, maskedName: r.masked_name ?? undefined, maskedPhone: r.masked_phone ?? undefined });
    }
    return out;
  }

  async subjectKeys(refs: string[]): Promise<Map<string, string>> {
    const q = this.db.prepare('SELECT subject_key FROM personal WHERE ref = ? AND subject_key IS NOT NULL');
    const out = new Map<string, string>();
    for (const ref of refs) {
      const r = q.get(ref) as { subject_key: string } | undefined;
      if (r) out.set(ref, r.subject_key);
    }
    return out;
  }

  async countPersonalBefore(beforeMs: number): Promise<number> {
    return (this.db.prepare(`SELECT count(*) AS n FROM personal WHERE created_at < ? AND purged_at IS NULL AND ref NOT IN (${STAFF_PERSONAL_REFS})`).get(beforeMs) as { n: number }).n;
  }

  async account(username: string): Promise<AccountRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as
      | { username: string; staff_id: string; role: AccountRecord['role']; password_hash: string; updated_at: number }
      | undefined;
    return r && { username: r.username, staffId: r.staff_id, role: r.role, passwordHash: r.password_hash, updatedAt: r.updated_at };
  }

  async accountCount(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  }

  async setPassword(username: string, passwordHash: string, now: number): Promise<void> {
    this.db.prepare('UPDATE accounts SET password_hash = ?, updated_at = ? WHERE username = ?').run(passwordHash, now, username);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}


