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

export function diffConfig(prev: CenterConfig, next: CenterConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const p = prev as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  for (const section of ITEM_SECTIONS) {
    const before = new Map(((p[section] ?? []) as { id: string }[]).map((x) => [x.id, x as unknown as Record<string, unknown>]));
    const after = ((n[section] ?? []) as { id: string }[]).map((x) => x as unknown as Record<string, unknown> & { id: string });
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
    // Order matters for services (the kiosk's buttons) and windows (the screens): a move is a change too.
    const order = (xs: { id: string }[]) => xs.map((x) => x.id).filter((id) => before.has(id) && kept.has(id)).join('\u0000');
    if (order([...before.values()] as { id: string }[]) !== order(after)) {
      changes.push({ section, action: 'updated', fields: ['order'] });
    }
  }
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
