// The ledger store a test hub runs on. The `integration-pg` vitest project starts one PostgreSQL server
// (tests/support/pg-global-setup.ts) and runs the core API suites again against it: each test hub then
// gets a database of its own, kept across the hub's restarts. Every other project uses SQLite files.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { PgStore } from '../../server/ledger/pg-store.js';
import { SqliteStore } from '../../server/ledger/sqlite-store.js';
import type { LedgerStore } from '../../server/ledger/store.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl?: string;
    pgDataDir?: string;
  }
}

export const testLedgerKind: 'sqlite' | 'postgres' = inject('pgUrl') ? 'postgres' : 'sqlite';

/** The database of a test hub's data folder (created on first use). */
export async function databaseFor(dataDir: string, serverUrl: string): Promise<string> {
  const marker = join(dataDir, 'pg-database');
  if (!existsSync(marker)) {
    const name = `t_${Math.random().toString(36).slice(2, 12)}`;
    const admin = new pg.Client(serverUrl);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    writeFileSync(marker, name);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${readFileSync(marker, 'utf8')}`;
  return url.toString();
}

/**
 * A data folder for another hub process of the same center: a folder of its own (content files, saved
 * configuration copy), the same PostgreSQL database as `of` and, as every hub of one center, its secret.
 * The caller removes it.
 */
export function sharedLedgerDataDir(of: string, prefix = 'yichuang-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const file of ['pg-database', 'secret.key']) copyFileSync(join(of, file), join(dir, file));
  return dir;
}

export async function openTestStore(dataDir: string): Promise<LedgerStore> {
  const serverUrl = inject('pgUrl');
  if (!serverUrl) return new SqliteStore(join(dataDir, 'ledger.sqlite'));
  return PgStore.open(await databaseFor(dataDir, serverUrl), { poolSize: 4 });
}

/** The bytes the ledger keeps on disk (after a checkpoint), to prove purged values are gone. */
export async function ledgerFileBytes(dataDir: string): Promise<Buffer[]> {
  const serverUrl = inject('pgUrl');
  const read = (dir: string, files: string[]) => files.map((f) => { try { return readFileSync(join(dir, f)); } catch { return Buffer.alloc(0); } });
  if (!serverUrl) return read(dataDir, ['ledger.sqlite', 'ledger.sqlite-wal']);
  const client = new pg.Client(await databaseFor(dataDir, serverUrl));
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    const oid = (await client.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0]!.oid;
    const dir = join(inject('pgDataDir')!, 'base', String(oid));
    return read(dir, readdirSync(dir));
  } finally {
    await client.end();
  }
}

/** Environment for a spawned hub (`npm start`'s main) on the project's ledger: none for SQLite. */
export async function testLedgerEnv(dataDir: string): Promise<Record<string, string>> {
  const serverUrl = inject('pgUrl');
  if (!serverUrl) return {};
  return { YICHUANG_LEDGER_URL: await databaseFor(dataDir, serverUrl), YICHUANG_SECRET: 'spawned-test-hub-shared-secret' };
}
