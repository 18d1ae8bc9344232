// Versioned schema of the PostgreSQL ledger. Each migration runs once, in order, in its own
// transaction, recorded in schema_migrations; hubs starting together serialise on an advisory lock.
import type pg from 'pg';

export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'ledger events, projections, personal data, accounts',
    sql: `
CREATE TABLE events (
  seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, type TEXT NOT NULL,
  data TEXT NOT NULL, -- canonical JSON exactly as hashed: TEXT, not jsonb, which would re-serialise it
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE FUNCTION yichuang_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'ledger events are append-only'; END $$;
CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION yichuang_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION yichuang_append_only();
CREATE TABLE tickets (
  id TEXT PRIMARY KEY, pos BIGSERIAL, day TEXT NOT NULL, service_id TEXT NOT NULL, window_id TEXT, staff_id TEXT,
  status TEXT NOT NULL, rating TEXT, personal_ref TEXT, doc TEXT NOT NULL,
  -- the columns statistics and the ledger browser read, so a year of visits needs no document parsing
  issued_at BIGINT NOT NULL, first_called_at BIGINT, called_at BIGINT, started_at BIGINT, finished_at BIGINT,
  transfers INT NOT NULL DEFAULT 0, search TEXT NOT NULL DEFAULT '');
CREATE INDEX tickets_day ON tickets (day, pos);
CREATE INDEX events_type_at ON events (type, at);
CREATE TABLE windows (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE staff (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
CREATE TABLE follow_ups (id TEXT PRIMARY KEY, status TEXT NOT NULL, due_at BIGINT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE complaints (id TEXT PRIMARY KEY, pos BIGSERIAL, status TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE personal (
  ref TEXT PRIMARY KEY, created_at BIGINT NOT NULL, sealed BYTEA, subject_key TEXT,
  masked_name TEXT, masked_phone TEXT, purged_at BIGINT);
CREATE INDEX personal_created ON personal (created_at);
CREATE TABLE accounts (
  username TEXT PRIMARY KEY, staff_id TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL, updated_at BIGINT NOT NULL);
-- Payloads of the socket.io PostgreSQL adapter that exceed NOTIFY's 8000 bytes.
CREATE TABLE socket_io_attachments (id BIGSERIAL UNIQUE, created_at TIMESTAMPTZ DEFAULT NOW(), payload BYTEA);
`,
  },
  {
    version: 2,
    name: 'sealed live configurations shared by the hubs',
    sql: `
-- The complete configuration of a config.changed event (keys included), AES-256-GCM sealed by the hub
-- that made the change; the event references it by ref. Not part of the hash chain.
CREATE TABLE sealed_configs (ref TEXT PRIMARY KEY, at BIGINT NOT NULL, sealed BYTEA NOT NULL);
`,
  },
];

/** Any 64-bit constant both the migrations and every hub agree on. */
const MIGRATION_LOCK = 0x79636d69; // 'ycmi'

/** Applies what is missing; refuses a database whose schema is newer than this hub. */
export async function migrate(client: pg.ClientBase): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    const newest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    if (current > newest) throw new Error(`ledger schema ${current} is newer than this hub (${newest}): update the hub`);
    for (const m of MIGRATIONS.filter((m) => m.version > current)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`ledger migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
      }
    }
    return newest;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
