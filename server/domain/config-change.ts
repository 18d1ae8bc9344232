// Live configuration in the queue domain: what a change of services, windows and rules means for a hall
// that is open. A change is refused (409, nothing changes) when it would strand citizens or break the
// numbering; otherwise it becomes one `config.changed` event that carries the new definitions, so the
// ledger records who changed what and a replay rebuilds the hall exactly as it was.
import { businessDay } from './business-day.js';
import { Refusal, invalid, notFound } from './errors.js';
import type { EventDraft, PersonalLink } from './events.js';
import type { QueueRules, QueueState, ServiceDef, Ticket, WindowDef } from './types.js';

/** One line of "who changed what": a section of the configuration, the item and the fields touched. */
export interface ConfigChange {
  section: string;
  id?: string;
  action: 'added' | 'removed' | 'updated';
  fields?: string[];
}

/** A window as the ledger records it: the screen key is a device secret and never enters the chain. */
export type LedgerWindowDef = Omit<WindowDef, 'screenKey'>;

export type ConfigCommand =
  | {
      type: 'change-config';
      services: ServiceDef[];
      windows: WindowDef[];
      rules: QueueRules;
      changes: ConfigChange[];
      /** sha256 of the new configuration without its secrets: ties the event to an exported file. */
      configHash: string;
      source: 'admin' | 'file';
      by: string;
      /** Shared ledger: the ref of the complete configuration, sealed beside the ledger for the other hubs (keys never enter the chain). */
      sealedRef?: string;
      /**
       * The configHash of the recorded change the edit was made on (null: none recorded yet, the file in
       * force): refused when another change was recorded since, even through another hub. Not recorded.
       */
      baseHash?: string | null;
    }
  | { type: 'update-staff'; staffId: string; name?: string; title?: string; titleEn?: string | null; employeeNo?: string; photo?: string | null; personal?: PersonalLink | null; by: string };

export type ConfigEvent =
  | {
      type: 'config.changed';
      data: { services: ServiceDef[]; windows: LedgerWindowDef[]; rules: QueueRules; changes: ConfigChange[]; configHash: string; source: 'admin' | 'file'; by: string; sealedRef?: string };
    }
  | { type: 'staff.updated'; data: { staffId: string; name?: string; title?: string; titleEn?: string | null; employeeNo?: string; photo?: string | null; personal?: PersonalLink | null; by: string } };

const LIVE: ReadonlySet<Ticket['status']> = new Set(['waiting', 'called', 'serving']);

const conflictAt = (code: string, message: string, field?: string) => new Refusal('conflict', code, message, field);

/** The letters of a ticket number ("B012" → "B"). */
export function numberPrefix(number: string): string {
  return /^[A-Z]*/.exec(number)![0];
}

/** Prefixes that numbered tickets today, with the services that issued them (a transfer keeps its number). */
export function prefixesUsedToday(state: QueueState, today: string): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const t of state.tickets.values()) {
    if (t.day !== today) continue;
    const origin = t.transfers[0]?.fromServiceId ?? t.serviceId;
    const p = numberPrefix(t.number);
    let set = used.get(p);
    if (!set) used.set(p, (set = new Set()));
    set.add(origin);
  }
  return used;
}

export function decideConfig(state: QueueState, cmd: ConfigCommand, now: number): EventDraft[] {
  if (cmd.type === 'update-staff') return updateStaff(state, cmd, now);
  if (cmd.changes.length === 0) return [];
  if (cmd.baseHash !== undefined && cmd.baseHash !== (state.configHash ?? null)) throw configChanged();
  // A change made in the admin must fit the open hall; the file at start is the technician's word.
  if (cmd.source === 'admin') checkLiveChange(state, cmd, now);
  const windows = cmd.windows.map(({ screenKey: _k, ...w }) => w);
  const { type: _t, baseHash: _b, ...rest } = cmd;
  return [{ type: 'config.changed', at: now, data: { ...rest, windows } }];
}

/** Someone saved another configuration since this edit's base was loaded (409: reload and save again). */
export const configChanged = () => new Refusal('conflict', 'config-changed', '配置已被他人修改，请刷新后再保存 / the configuration changed since you loaded it: reload and save again');

/** The rules of a change while the hall is open; throws the first one broken. */
export function checkLiveChange(state: QueueState, next: { services: ServiceDef[]; windows: WindowDef[]; rules: QueueRules }, now: number): void {
  const live = [...state.tickets.values()].filter((t) => LIVE.has(t.status));
  const services = new Map(next.services.map((s) => [s.id, s]));
  const windows = new Map(next.windows.map((w) => [w.id, w]));
  const name = (serviceId: string) => state.services.get(serviceId)?.name ?? serviceId;

  // A service removed while its tickets wait or are being served: those citizens would be stranded.
  const inUse = countBy(live.filter((t) => !services.has(t.serviceId)), (t) => t.serviceId);
  for (const [serviceId, n] of inUse) {
    throw conflictAt('service-in-use', `业务「${name(serviceId)}」尚有 ${n} 张号票在等候或办理，不能删除；请等其办结后再删 / service ${serviceId} still has ${n} live ticket(s); remove it when they are done`);
  }
  // A service kept, but no window would serve its waiting tickets any more.
  const served = new Set(next.windows.flatMap((w) => w.services));
  const stranded = countBy(live.filter((t) => t.status === 'waiting' && t.targetWindowId === undefined && !served.has(t.serviceId)), (t) => t.serviceId);
  for (const [serviceId, n] of stranded) {
    throw conflictAt('service-unserved', `业务「${name(serviceId)}」还有 ${n} 人等候，至少要保留一个办理该业务的窗口 / ${n} ticket(s) wait for ${serviceId}: keep at least one window serving it`);
  }
  // A window removed while someone works there or a ticket was handed to it.
  for (const [id, w] of state.windows) {
    if (windows.has(id)) continue;
    const label = state.windowDefs.get(id)?.name ?? id;
    if (w.staffId || w.currentTicketId) throw conflictAt('window-in-use', `${label} 有工作人员签到或正在办理，请先签退再删除 / window ${id} is staffed or busy: sign out first`);
    if (live.some((t) => t.status === 'waiting' && t.targetWindowId === id)) throw conflictAt('window-has-transfers', `有号票正转交给 ${label} 等候办理，暂不能删除 / tickets transferred to window ${id} are waiting`);
  }
  // Numbers are prefix + day sequence per service: a prefix that numbered another service's tickets
  // today would repeat their numbers, so it may change hands only from tomorrow.
  const today = businessDay(now, state.rules.timeZone);
  const used = prefixesUsedToday(state, today);
  next.services.forEach((s, i) => {
    const others = [...(used.get(s.prefix) ?? [])].filter((o) => o !== s.id);
    if (others.length > 0) {
      throw conflictAt('prefix-used-today', `字头 ${s.prefix} 今天已被「${name(others[0]!)}」使用，改用会造成重号；请换一个字头或明天再改 / prefix ${s.prefix} numbered ${others[0]} tickets today; pick another or change it tomorrow`, `services[${i}].prefix`);
    }
  });
  // The business day follows the time zone: moving it under live tickets would re-date them.
  if (next.rules.timeZone !== state.rules.timeZone && live.length > 0) {
    throw conflictAt('time-zone-in-use', `尚有 ${live.length} 张号票未办结，不能更改时区 / ${live.length} live ticket(s): change the time zone when the hall is closed`, 'rules.timeZone');
  }
  // AB岗 posts name staff accounts; a typo in a post set now would leave a window without its A or B on
  // the screens. (Posts already in force may name accounts still to be created.)
  const usernames = new Set([...state.staff.values()].map((s) => s.username));
  next.windows.forEach((w, i) => {
    for (const post of ['A', 'B'] as const) {
      const u = w.posts?.[post];
      if (u !== undefined && u !== state.windowDefs.get(w.id)?.posts?.[post] && !usernames.has(u)) throw invalid('unknown-staff', `无此工作人员账号 ${u} / no staff account ${u}`, `windows[${i}].posts.${post}`);
    }
  });
}

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

function updateStaff(state: QueueState, cmd: Extract<ConfigCommand, { type: 'update-staff' }>, now: number): EventDraft[] {
  if (!state.staff.has(cmd.staffId)) throw notFound('staff-not-found', `无此工作人员 / no staff ${cmd.staffId}`);
  const { type: _t, ...data } = cmd;
  const touched = (['name', 'title', 'titleEn', 'employeeNo', 'photo', 'personal'] as const).some((k) => data[k] !== undefined);
  return touched ? [{ type: 'staff.updated', at: now, data }] : [];
}

/** Applies a configuration or staff event to the state (called by `evolve`). */
export function evolveConfig(state: QueueState, e: ConfigEvent): void {
  if (e.type === 'staff.updated') {
    const s = state.staff.get(e.data.staffId);
    if (!s) return;
    const d = e.data;
    if (d.name !== undefined) s.name = d.name;
    if (d.title !== undefined) s.title = d.title;
    if (d.titleEn !== undefined) s.titleEn = d.titleEn ?? undefined;
    if (d.employeeNo !== undefined) s.employeeNo = d.employeeNo;
    if (d.photo !== undefined) s.photo = d.photo ?? undefined;
    if (d.personal !== undefined) s.personalRef = d.personal?.ref;
    return;
  }
  const d = e.data;
  state.configHash = d.configHash;
  const previous = state.windowDefs;
  state.services = new Map(d.services.map((s) => [s.id, { ...s }]));
  state.windowDefs = new Map(d.windows.map((w) => [w.id, withKey(w, previous.get(w.id)?.screenKey)]));
  for (const id of state.windowDefs.keys()) if (!state.windows.has(id)) state.windows.set(id, { id, status: 'closed', consecutiveGreen: 0 });
  for (const [id, w] of state.windows) if (!state.windowDefs.has(id) && !w.staffId && !w.currentTicketId) state.windows.delete(id);
  state.rules = { ...d.rules };
}

/** Screen keys live in the configuration, not the ledger: set them on the definitions after a change. */
export function applyScreenKeys(state: QueueState, windows: Pick<WindowDef, 'id' | 'screenKey'>[]): void {
  for (const w of windows) {
    const def = state.windowDefs.get(w.id);
    if (def) state.windowDefs.set(w.id, withKey(def, w.screenKey));
  }
}

function withKey(w: LedgerWindowDef, screenKey: string | undefined): WindowDef {
  const { screenKey: _old, ...rest } = w as WindowDef;
  return screenKey === undefined ? rest : { ...rest, screenKey };
}
