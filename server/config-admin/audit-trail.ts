// The audit trail read back from the ledger: every reveal of personal data (who, when, which ticket, why)
// and every administrative change (configuration, kiosk content, staff records, purges). The events are the record; this
// module only reads and labels them.
import { addDays, businessDay, dayStartMs } from '../domain/business-day.js';
import type { ConfigEvent } from '../domain/config-change.js';
import type { StoredEvent } from '../domain/events.js';
import type { KioskContentEvent } from '../domain/kiosk-content.js';
import type { RevealEvent } from '../domain/reveal.js';
import type { Hub } from '../hub.js';

const PAGE = 5000;

/** Events of some types in a time range, newest first on request; a store without an index pages through the ledger. */
export async function auditEvents(hub: Hub, types: string[], range: { fromMs?: number; toMs?: number; limit?: number; newestFirst?: boolean }): Promise<StoredEvent[]> {
  if (hub.store.eventsOfType) return hub.store.eventsOfType(types, range);
  const wanted = new Set(types);
  const from = range.fromMs ?? 0;
  const to = range.toMs ?? Number.MAX_SAFE_INTEGER;
  const out: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await hub.store.readEvents(after, PAGE);
    for (const e of page) if (wanted.has(e.type) && e.at >= from && e.at < to) out.push(e);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  if (range.newestFirst) out.reverse();
  return range.limit === undefined ? out : out.slice(0, range.limit);
}

/** from/to days in the center's zone (to inclusive); by default the last 30 days. */
export function auditRange(hub: Hub, from: string | undefined, to: string | undefined): { fromDay: string; toDay: string; fromMs: number; toMs: number } {
  const tz = hub.config.rules.timeZone;
  const toDay = to ?? businessDay(hub.clock.now(), tz);
  const fromDay = from ?? addDays(toDay, -29);
  return { fromDay, toDay, fromMs: dayStartMs(fromDay, tz), toMs: dayStartMs(addDays(toDay, 1), tz) };
}

const AUTOMATIC: Record<string, string> = { system: '系统 / system', retention: '自动清除（保存期限）/ retention' };

function who(hub: Hub, staffId: string): string {
  return AUTOMATIC[staffId] ?? hub.state.staff.get(staffId)?.name ?? staffId;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function revealLog(hub: Hub, range: { fromMs: number; toMs: number }) {
  const events = (await auditEvents(hub, ['personal.revealed'], { ...range, newestFirst: true })) as (StoredEvent & RevealEvent)[];
  return events.map((e) => ({
    seq: e.seq, at: iso(e.at), ticketId: e.data.ticketId, number: e.data.number, byId: e.data.by, by: who(hub, e.data.by),
    role: e.data.role, reason: e.data.reason, windowId: e.data.windowId ?? null,
  }));
}

const CHANGE_TYPES = ['config.changed', 'kiosk-content.changed', 'staff.created', 'staff.updated', 'personal.purged'];

type ChangeEvent = StoredEvent & (ConfigEvent | KioskContentEvent | { type: 'staff.created'; data: { staffId: string; username: string; by: string } } | { type: 'personal.purged'; data: { before: string; refs: number; by: string } });

/** Administrative changes: configuration, kiosk content, staff accounts and records, purges — newest first. */
export async function changeLog(hub: Hub, range: { fromMs: number; toMs: number }) {
  const events = (await auditEvents(hub, CHANGE_TYPES, { ...range, newestFirst: true })) as ChangeEvent[];
  return events.map((e) => {
    const base = { seq: e.seq, at: iso(e.at), type: e.type, byId: e.data.by, by: who(hub, e.data.by), kind: null as string | null };
    switch (e.type) {
      case 'kiosk-content.changed':
        return { ...base, kind: e.data.kind, source: 'admin', configHash: null, changes: e.data.changes, staffId: null, before: null, purged: null };
      case 'config.changed':
        return { ...base, source: e.data.source, configHash: e.data.configHash, changes: e.data.changes, staffId: null, before: null, purged: null };
      case 'staff.created':
      case 'staff.updated': {
        const fields = e.type === 'staff.updated'
          ? (['name', 'title', 'titleEn', 'employeeNo', 'photo', 'personal'] as const).filter((k) => e.data[k] !== undefined).map((k) => (k === 'personal' ? 'phone' : k))
          : undefined;
        return {
          ...base, source: null, configHash: null, staffId: e.data.staffId, before: null, purged: null,
          changes: [{ section: 'staff', id: hub.state.staff.get(e.data.staffId)?.username ?? e.data.staffId, action: e.type === 'staff.created' ? 'added' as const : 'updated' as const, fields }],
        };
      }
      case 'personal.purged':
        return { ...base, source: null, configHash: null, staffId: null, before: e.data.before, purged: e.data.refs, changes: [] };
    }
  });
}
