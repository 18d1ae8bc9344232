// A throwaway PostgreSQL server for tests and benchmarks: initdb in a temporary folder, listening on
// 127.0.0.1 only, stopped and removed afterwards. Uses Debian's postgresql binaries (scripts/system-deps.sh
// installs them); fails loudly when they are missing rather than skipping anything.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** Connection URL of the server's default database. */
  url: string;
  /** The cluster's data folder (tests read table files from it). */
  dataDir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): string;
  stop(): void;
}

function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/postgres'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries not found: run `bash scripts/system-deps.sh test` (installs Debian\'s postgresql)');
  return join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server. `durable: false` (tests) turns fsync off for speed; benchmarks keep it on so the
 * figures include real commits.
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'yichuang-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: run the server as the postgres account then.
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const pw = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(pw), Number(gid));
  }
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
    return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'yichuang', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = [`-h 127.0.0.1`, `-p ${port}`, `-k ${dir}`, '-c max_connections=200', '-c shared_buffers=64MB'];
    if (!opts.durable) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings.join(' '), '-w', '-t', '30', 'start']);
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${e.stderr?.toString() || e.message}`);
  }
  const base = `postgres://yichuang@127.0.0.1:${port}`;
  let stopped = false;
  return {
    url: `${base}/postgres`,
    dataDir: data,
    createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'yichuang', '-d', 'postgres', '-qc', `CREATE DATABASE ${name}`]);
      return `${base}/${name}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
