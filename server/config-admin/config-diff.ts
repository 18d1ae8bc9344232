// "Who changed what": the difference between two configurations as audit lines — section, item, action
// and the names of the fields touched (never the values of secrets).
import type { CenterConfig } from '../config/schema.js';
import type { ConfigChange } from '../domain/config-change.js';
import { canonicalJson } from '../ledger/canonical-json.js';

/** Sections that are lists of items with an id. */
const ITEM_SECTIONS = ['services', 'windows', 'kiosks', 'devices', 'agents', 'network'] as const;
/** Staff seats only matter for a fresh data folder; accounts are changed through the staff routes. */
const IGNORED = new Set(['staff']);

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same(a[k], b[k])).sort();
}

/**
 * A list of items with an id, before and after: each item added, removed or updated (with the fields
 * touched), and a move of the items kept as one `order` change — order is what a kiosk or a screen shows.
 */
export function diffItems(section: string, prevItems: readonly { id: string }[], nextItems: readonly { id: string }[]): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const before = new Map(prevItems.map((x) => [x.id, x as unknown as Record<string, unknown>]));
  const after = nextItems as unknown as (Record<string, unknown> & { id: string })[];
  for (const item of after) {
    const old = before.get(item.id);
    if (!old) changes.push({ section, id: item.id, action: 'added' });
    else {
      const fields = changedFields(old, item);
      if (fields.length > 0) changes.push({ section, id: item.id, action: 'updated', fields });
    }
  }
  const kept = new Set(after.map((x) => x.id));
  for (const id of before.keys()) if (!kept.has(id)) changes.push({ section, id, action: 'removed' });
  const order = (xs: readonly { id: string }[]) => xs.map((x) => x.id).filter((id) => before.has(id) && kept.has(id)).join('\u0000');
  if (order(prevItems) !== order(after)) changes.push({ section, action: 'updated', fields: ['order'] });
  return changes;
}

export function diffConfig(prev: CenterConfig, next: CenterConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const p = prev as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  for (const section of ITEM_SECTIONS) changes.push(...diffItems(section, (p[section] ?? []) as { id: string }[], (n[section] ?? []) as { id: string }[]));
  const others = new Set([...Object.keys(p), ...Object.keys(n)]);
  for (const section of [...others].sort()) {
    if ((ITEM_SECTIONS as readonly string[]).includes(section) || IGNORED.has(section)) continue;
    const a = p[section];
    const b = n[section];
    if (same(a, b)) continue;
    const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    changes.push(isRecord(a) && isRecord(b) ? { section, action: 'updated', fields: changedFields(a, b) } : { section, action: 'updated' });
  }
  return changes;
}
