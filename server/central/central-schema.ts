// The central (city) database: versioned migrations applied at start by whoever connects first — the
// city server or a site's replicator — under an advisory lock, so concurrent starts do not race.
//
//   central_inbox        what sites have sent, not yet checked (the replicators' write target)
//   central_events       accepted events: each site's hash chain, verified link by link on arrival
//   central_sites        one row per site: chain head, what it delivered, last contact, refusal (a broken chain stops there)
//   central_refusals     every refusal, for the record
//   central_tickets / central_follow_ups   the visit documents the aggregates are derived from (pruned after
//                        a configurable number of days: visit-retention.ts)
//   central_day_figures  additive per-site per-day totals kept at ingest: the city view reads only these
import type { Pool, PoolClient } from 'pg';
import { GENESIS_HASH } from '../ledger/hash-chain.js';

const MIGRATIONS: readonly string[] = [
  // 1: the first schema
  `
  CREATE TABLE central_sites (
    site text PRIMARY KEY,
    name text NOT NULL,
    time_zone text NOT NULL,
    first_contact_at timestamptz NOT NULL DEFAULT now(),
    last_contact_at timestamptz NOT NULL DEFAULT now(),
    head_seq bigint NOT NULL DEFAULT 0,
    head_hash text NOT NULL DEFAULT '${GENESIS_HASH}',
    last_event_at bigint,
    refused_seq bigint,
    refused_reason text,
    refused_at timestamptz
  );
  CREATE TABLE central_inbox (
    site text NOT NULL, seq bigint NOT NULL, at bigint NOT NULL, type text NOT NULL, data text NOT NULL,
    prev_hash text NOT NULL, hash text NOT NULL, received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, seq)
  );
  CREATE TABLE central_events (
    site text NOT NULL, seq bigint NOT NULL, at bigint NOT NULL, type text NOT NULL, data text NOT NULL,
    prev_hash text NOT NULL, hash text NOT NULL, PRIMARY KEY (site, seq)
  );
  CREATE TABLE central_refusals (
    id bigserial PRIMARY KEY, site text NOT NULL, seq bigint NOT NULL, reason text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE central_tickets (site text NOT NULL, id text NOT NULL, day text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (site, id));
  CREATE TABLE central_follow_ups (site text NOT NULL, id text NOT NULL, day text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (site, id));
  CREATE TABLE central_day_figures (
    site text NOT NULL, day text NOT NULL,
    issued integer NOT NULL DEFAULT 0, served integer NOT NULL DEFAULT 0, no_show integer NOT NULL DEFAULT 0,
    cancelled integer NOT NULL DEFAULT 0, waited integer NOT NULL DEFAULT 0, wait_minutes double precision NOT NULL DEFAULT 0,
    rated integer NOT NULL DEFAULT 0, satisfied integer NOT NULL DEFAULT 0,
    follow_ups integer NOT NULL DEFAULT 0, followed_up integer NOT NULL DEFAULT 0,
    PRIMARY KEY (site, day)
  );
  CREATE INDEX central_day_figures_day ON central_day_figures (day);
  -- Accepted events are the city's copy of every site's ledger: append-only here too.
  CREATE FUNCTION central_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'central events are append-only'; END $$;
  CREATE TRIGGER central_events_no_change BEFORE UPDATE OR DELETE ON central_events
    FOR EACH ROW EXECUTE FUNCTION central_events_append_only();
  `,
  // 2: what each site has delivered, kept on its row, so the view never scans the busy inbox; and
  // vacuum the inbox eagerly (rows live only until ingested)
  `
  ALTER TABLE central_sites ADD COLUMN received_seq bigint NOT NULL DEFAULT 0;
  UPDATE central_sites s SET received_seq = greatest(s.head_seq, coalesce((SELECT max(seq) FROM central_inbox i WHERE i.site = s.site), 0));
  ALTER TABLE central_inbox SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000);
  `,
  // 3: site accounts. A database role bound to sites in central_site_roles may deliver only as those
  // sites (row-level security; the city server owns the tables and is not bound). Unbound roles keep
  // working as before, so binding is the operator's choice (README: one role per site).
  `
  CREATE TABLE central_site_roles (role name NOT NULL, site text NOT NULL, PRIMARY KEY (role, site));
  CREATE FUNCTION central_may_write(s text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM central_site_roles WHERE role = current_user)
        OR EXISTS (SELECT 1 FROM central_site_roles WHERE role = current_user AND site = s) $$;
  ALTER TABLE central_inbox ENABLE ROW LEVEL SECURITY;
  ALTER TABLE central_sites ENABLE ROW LEVEL SECURITY;
  CREATE POLICY central_inbox_own_site ON central_inbox USING (central_may_write(site)) WITH CHECK (central_may_write(site));
  CREATE POLICY central_sites_own_site ON central_sites USING (central_may_write(site)) WITH CHECK (central_may_write(site));
  `,
  // 4: the daily prune of old visit documents finds them per site and day
  `
  CREATE INDEX central_tickets_site_day ON central_tickets (site, day);
  CREATE INDEX central_follow_ups_site_day ON central_follow_ups (site, day);
  `,
];

export const CENTRAL_SCHEMA_VERSION = MIGRATIONS.length;

/** Any fixed number: the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK = 7_020_001;

/** The database's schema version; 0 when the central tables do not exist yet. */
async function schemaVersion(client: PoolClient): Promise<number> {
  const present = await client.query<{ present: boolean }>(`SELECT to_regclass('central_meta') IS NOT NULL AS present`);
  if (!present.rows[0]!.present) return 0;
  const row = await client.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = 'schema'`);
  return Number(row.rows[0]?.value ?? 0);
}

export async function migrateCentral(pool: Pool): Promise<number> {
  const client: PoolClient = await pool.connect();
  try {
    // Up to date: nothing to lock or create (a site's role may hold no right to change the schema).
    if ((await schemaVersion(client)) === CENTRAL_SCHEMA_VERSION) return CENTRAL_SCHEMA_VERSION;
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS central_meta (key text PRIMARY KEY, value text NOT NULL)');
    const row = await client.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = 'schema'`);
    const current = row.rows[0] ? Number(row.rows[0].value) : 0;
    if (current > CENTRAL_SCHEMA_VERSION) {
      throw new Error(`central database schema ${current} is newer than this program (${CENTRAL_SCHEMA_VERSION}): update yichuang`);
    }
    for (let v = current; v < CENTRAL_SCHEMA_VERSION; v++) await client.query(MIGRATIONS[v]!);
    await client.query(
      `INSERT INTO central_meta (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(CENTRAL_SCHEMA_VERSION)],
    );
    await client.query('COMMIT');
    return CENTRAL_SCHEMA_VERSION;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The inbox channel: a replicator notifies it after each delivery so the city server ingests at once. */
export const INBOX_CHANNEL = 'yichuang_central_inbox';
