// Several hub processes on one PostgreSQL ledger run one center, so a configuration change made through
// any of them must be in force on all. The `config.changed` event carries the queue's part (services,
// windows without screen keys, rules) but never a key; the complete configuration is sealed with the
// center's shared secret (YICHUANG_SECRET, required with PostgreSQL) into a row beside the ledger, and
// the event names that row (`sealedRef`). Another hub opens it, checks it against the hash the event
// recorded, and keeps what belongs to its own process: its devices, agents, rate limits and staff seats.
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../config/load-config.js';
import type { CenterConfig } from '../config/schema.js';
import { openBytes, sealBytes } from '../ledger/sealed-box.js';
import type { Secrets } from '../ledger/secrets.js';
import type { LedgerStore } from '../ledger/store.js';
import { configHash, sourceHash } from './config-hash.js';

/** Parts the running hub cannot take over without a restart: the device layer and limiters are built at start. */
export const RESTART_ONLY = ['devices', 'agents', 'rateLimits'] as const;
/** Parts that belong to one hub process (its machine's devices, its data folder's seats), never taken from another hub. */
const OWN_PARTS = [...RESTART_ONLY, 'staff'] as const;

type SealingStore = Required<Pick<LedgerStore, 'putSealedConfig' | 'sealedConfig'>>;

export class SharedConfig {
  private constructor(private readonly store: SealingStore, private readonly key: Buffer) {}

  /** Only for a store other hubs may share (PostgreSQL); undefined for the embedded one. */
  static over(store: LedgerStore, secrets: Secrets): SharedConfig | undefined {
    if (!store.putSealedConfig || !store.sealedConfig) return undefined;
    return new SharedConfig(store as SealingStore, secrets.key('live-config'));
  }

  /** Seals the complete configuration beside the ledger; the returned ref goes into the event. */
  async put(config: CenterConfig, now: number): Promise<string> {
    const ref = randomUUID();
    await this.store.putSealedConfig(ref, now, sealBytes(this.key, ref, JSON.stringify(config)));
    return ref;
  }

  /**
   * The configuration sealed under `ref`, checked against the hash its event recorded; undefined when
   * it is no longer kept. Throws when it cannot be opened (another secret) or does not match.
   */
  async read(ref: string, recordedHash: string): Promise<CenterConfig | undefined> {
    const sealed = await this.store.sealedConfig(ref);
    if (!sealed) return undefined;
    const config = parseConfig(JSON.parse(openBytes(this.key, ref, sealed)), 'the shared ledger');
    if (configHash(config) !== recordedHash) throw new Error(`the sealed configuration ${ref} does not match the hash its ledger event recorded`);
    return config;
  }
}

/** Another hub's configuration with this hub's own parts; throws ConfigError when they do not fit (a device of a removed kiosk). */
export function withOwnParts(shared: CenterConfig, own: CenterConfig): CenterConfig {
  const merged: Record<string, unknown> = { ...shared };
  for (const part of OWN_PARTS) merged[part] = own[part];
  return parseConfig(merged, 'the shared ledger with this hub\'s devices');
}

/** Same configuration, keys included (the recorded hash leaves keys out, so it cannot tell a changed key). */
export function sameConfig(a: CenterConfig, b: CenterConfig): boolean {
  return sourceHash(a) === sourceHash(b);
}
