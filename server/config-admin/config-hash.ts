// What of the center configuration may be shown, hashed and recorded: kiosk, screen and agent keys and
// the kiosk exit PIN are secrets; staff phones are personal data. They stay in the configuration file
// (and the hub's copy in the data folder, or sealed beside a shared ledger), never in a ledger event,
// an audit line or a hash.
import { createHash } from 'node:crypto';
import type { CenterConfig } from '../config/schema.js';
import { canonicalJson } from '../ledger/canonical-json.js';

/** Fields whose values are secret, per configuration section. */
export const SECRET_FIELDS: Record<string, readonly string[]> = {
  windows: ['screenKey'],
  kiosks: ['key', 'exitPin'],
  agents: ['key'],
  staff: ['phone'],
};

type Item = Record<string, unknown>;

/** The configuration with every secret replaced by whether it is set. */
export function redactedConfig(config: CenterConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const [section, fields] of Object.entries(SECRET_FIELDS)) {
    const items = (config as unknown as Record<string, Item[] | undefined>)[section];
    if (!Array.isArray(items)) continue;
    out[section] = items.map((item) => {
      const copy: Item = { ...item };
      for (const f of fields) if (f in copy) copy[f] = copy[f] === undefined ? undefined : '(set)';
      return copy;
    });
  }
  return out;
}

/** sha256 of the redacted configuration: recorded with each change, comparable with an exported file. */
export function configHash(config: CenterConfig): string {
  return createHash('sha256').update(canonicalJson(redactedConfig(config))).digest('hex');
}

/** sha256 of the whole configuration (secrets included): tells whether the source file was edited. Kept in the data folder only. */
export function sourceHash(config: CenterConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}
