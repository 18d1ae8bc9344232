// The hub's copy of the configuration as last changed in the admin, kept in the data folder next to the
// ledger (0600: it holds the kiosk and screen keys). It wins over the source file (YICHUANG_CONFIG or the
// demo center) only while that file is unchanged: a technician who edits the file and restarts gets the
// file, and the switch is recorded in the ledger like any other change. `origin` tells the start which
// of the three it was (on a shared ledger only an edited file outranks the ledger's configuration).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../config/load-config.js';
import type { CenterConfig } from '../config/schema.js';
import { sourceHash } from './config-hash.js';

export const LIVE_CONFIG_FILE = 'center-config.json';

export interface LiveConfigStart {
  /** The configuration the hub runs with. */
  config: CenterConfig;
  /** Hash of the source file's configuration: stored with every save to detect a later edit of the file. */
  baseHash: string;
  dataDir: string | undefined;
  /** `copy`: the saved copy, the file unchanged since; `file`: no usable copy; `file-changed`: the file was edited since the copy. */
  origin: 'copy' | 'file' | 'file-changed';
}

interface SavedFile {
  baseHash: string;
  savedAt: string;
  config: unknown;
}

export function openLiveConfig(source: CenterConfig, dataDir: string | undefined, log: (line: string) => void): LiveConfigStart {
  const baseHash = sourceHash(source);
  const start: LiveConfigStart = { config: source, baseHash, dataDir, origin: 'file' };
  if (!dataDir) return start;
  const file = join(dataDir, LIVE_CONFIG_FILE);
  if (!existsSync(file)) return start;
  let saved: SavedFile;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as SavedFile;
  } catch (err) {
    log(`yichuang: ${file} is unreadable (${(err as Error).message}); using the configuration file`);
    return start;
  }
  if (saved.baseHash !== baseHash) {
    // The source file changed since the last edit in the admin: the file wins, the old copy is kept aside.
    renameSync(file, `${file}.superseded`);
    log(`yichuang: the configuration file changed since the last change made in the admin; using the file (previous copy kept as ${LIVE_CONFIG_FILE}.superseded)`);
    return { ...start, origin: 'file-changed' };
  }
  try {
    return { ...start, config: parseConfig(saved.config, file), origin: 'copy' };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log(`yichuang: ${err.message}\nyichuang: using the configuration file instead`);
    return start;
  }
}

/** Writes the live configuration atomically (a crash leaves the old or the new file, never half of one). */
export function saveLiveConfig(start: LiveConfigStart, config: CenterConfig, now: number): void {
  if (!start.dataDir) return;
  const file = join(start.dataDir, LIVE_CONFIG_FILE);
  const body: SavedFile = { baseHash: start.baseHash, savedAt: new Date(now).toISOString(), config };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
