// Configuration changes applied live: validated with the same schema as the configuration file, checked
// against the open hall by the domain (checkLiveChange), recorded as one `config.changed` ledger event,
// then put in force — the queue state through the event, the hub's configuration (kiosks, notices,
// center, keys) right after, screens through a fresh /display snapshot — and saved in the data folder so
// a restart keeps it. Changes are applied one at a time, each against the configuration in force.
//
// Hubs sharing a PostgreSQL ledger (shared-config.ts): a change is sealed beside the ledger, and a hub
// that absorbs another hub's `config.changed` puts the same configuration in force (keys, notices,
// kiosks too), saves its copy and refreshes its screens. At start on a shared ledger the ledger's
// configuration wins over the hub's copy or file, unless the file was edited since this hub last saw it:
// then the file is recorded as a change and the other hubs take it. So hubs with different files do not
// flip-flop at every start; only an edit of a file is news.
import { ApiError } from '../api/api-error.js';
import { ConfigError, parseConfig } from '../config/load-config.js';
import type { CenterConfig } from '../config/schema.js';
import { applyScreenKeys, configChanged, type ConfigChange, type ConfigEvent } from '../domain/config-change.js';
import { Refusal } from '../domain/errors.js';
import type { StoredEvent } from '../domain/events.js';
import type { Hub } from '../hub.js';
import type { Secrets } from '../ledger/secrets.js';
import { OneAtATime } from '../one-at-a-time.js';
import { auditEvents } from './audit-trail.js';
import { diffConfig } from './config-diff.js';
import { configHash } from './config-hash.js';
import { saveLiveConfig, type LiveConfigStart } from './live-config-file.js';
import { RESTART_ONLY, SharedConfig, sameConfig, withOwnParts } from './shared-config.js';

type ConfigChangedData = Extract<ConfigEvent, { type: 'config.changed' }>['data'];
type ConfigChangedEvent = StoredEvent & { type: 'config.changed'; data: ConfigChangedData };

interface LiveConfig {
  start: LiveConfigStart;
  /** Set on a ledger other hubs may share. */
  shared: SharedConfig | undefined;
  listeners: ((changes: ConfigChange[]) => void)[];
  /** Changes, adoptions and the start's check, one at a time: each is diffed against what is in force. */
  queue: OneAtATime;
  /** Ledger seq of the `config.changed` in force (0: none yet): an older one absorbed late is not put back. */
  seq: number;
  /** Its configHash (null: none recorded yet): the base an edit here is made on, checked again by the domain under the ledger's write lock. */
  base: string | null;
}

const registry = new WeakMap<Hub, LiveConfig>();

function live(hub: Hub): LiveConfig {
  let l = registry.get(hub);
  if (!l) registry.set(hub, (l = { start: { config: hub.config, baseHash: '', dataDir: undefined, origin: 'file' }, shared: undefined, listeners: [], queue: new OneAtATime(), seq: 0, base: null }));
  return l;
}

/**
 * Called once the hub is open: remembers where to save, follows changes other hubs make on a shared
 * ledger, and reconciles the configuration in force with the ledger's.
 */
export async function attachLiveConfig(hub: Hub, start: LiveConfigStart, secrets: Secrets): Promise<void> {
  const l = live(hub);
  l.start = start;
  l.shared = SharedConfig.over(hub.store, secrets);
  hub.onAbsorbed((events) => {
    const last = events.findLast((e): e is ConfigChangedEvent => e.type === 'config.changed');
    if (last) void l.queue.run(() => adoptRecorded(hub, last)).catch((err) => console.error('yichuang: cannot take the configuration another hub changed', err));
  });
  await l.queue.run(() => reconcileAtStart(hub));
}

/** Runs after every applied change (realtime: screens get a fresh snapshot). */
export function onConfigApplied(hub: Hub, listener: (changes: ConfigChange[]) => void): void {
  live(hub).listeners.push(listener);
}

export interface ApplyResult {
  changes: ConfigChange[];
  configHash: string;
}

/** Attempts of an edit without If-Match when another hub's change is recorded first: the edit is made again on it. */
const REDO = 3;

/**
 * Applies an edit of the configuration in force. `edit` gets a deep copy to change (or returns a new
 * one); `ifHash`, when given, must match the configuration in force (someone else saved meanwhile → 409).
 * The hub checks it against what it has seen; the domain checks the edit's base again under the shared
 * ledger's write lock, so two admins saving through two hubs at once cannot both win.
 */
export function editConfig(
  hub: Hub,
  edit: (draft: Record<string, unknown>) => unknown,
  by: string,
  /** fieldBase: the part the route edits (`services[2]`), so a 400 names the field within it; may be known only after the edit. */
  opts: { ifHash?: string; fieldBase?: string | (() => string) } = {},
): Promise<ApplyResult> {
  const l = live(hub);
  return l.queue.run(async () => {
    for (let attempt = 1; ; attempt++) {
      // Another hub's change already in the ledger comes first, so this edit is judged against it (If-Match).
      const newest = l.shared ? await newestConfigEvent(hub) : undefined;
      if (newest) await adoptRecorded(hub, newest);
      const current = hub.config;
      if (opts.ifHash !== undefined && opts.ifHash !== configHash(current)) throw configChanged();
      const draft = structuredClone(current) as unknown as Record<string, unknown>;
      const edited = edit(draft) ?? draft;
      try {
        return await applyConfig(hub, edited, by, typeof opts.fieldBase === 'function' ? opts.fieldBase() : opts.fieldBase);
      } catch (err) {
        // Without If-Match the admin did not ask to be told: a section edit is made again on the newer configuration.
        const redo = opts.ifHash === undefined && attempt < REDO && err instanceof Refusal && err.code === 'config-changed';
        if (!redo) throw err;
      }
    }
  });
}

async function applyConfig(hub: Hub, input: unknown, by: string, fieldBase?: string): Promise<ApplyResult> {
  const l = live(hub);
  const current = hub.config;
  let next: CenterConfig;
  try {
    next = parseConfig(input, 'request');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const first = err.problems[0]!;
    const field = relativeField(first.field, fieldBase);
    throw new ApiError(400, 'invalid-config', `${field}: ${first.message}`, field);
  }
  const restart = RESTART_ONLY.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  if (restart.length > 0) {
    throw new ApiError(409, 'restart-needed', `${restart.join('、')} 的修改需要技术人员修改配置文件并重启 / ${restart.join(', ')} change only with the configuration file and a restart`, restart[0]);
  }
  next.staff = current.staff; // seats only seed a fresh data folder; accounts change through the staff routes
  const changes = diffConfig(current, next);
  const hash = configHash(next);
  if (changes.length === 0) return { changes, configHash: hash };
  const sealedRef = await l.shared?.put(next, hub.clock.now());
  let events: StoredEvent[];
  try {
    events = await hub.commit({ type: 'change-config', services: next.services, windows: next.windows, rules: next.rules, changes, configHash: hash, source: 'admin', by, sealedRef, baseHash: l.base });
  } catch (err) {
    if (err instanceof Refusal && err.field !== undefined) throw new Refusal(err.kind, err.code, err.message, relativeField(err.field, fieldBase));
    throw err;
  }
  putInForce(hub, next, changes, events);
  return { changes, configHash: hash };
}

/** `recorded`: the events that recorded this configuration (the newest `config.changed` marks it as the one in force). */
function putInForce(hub: Hub, next: CenterConfig, changes: ConfigChange[], recorded: StoredEvent[]): void {
  const l = live(hub);
  markRecorded(l, recorded);
  applyScreenKeys(hub.state, next.windows);
  hub.config = next;
  try {
    saveLiveConfig(l.start, next, hub.clock.now());
  } catch (err) {
    // In force and in the ledger already; without the copy the next start takes the source file and records that.
    console.error(`yichuang: cannot save the live configuration: ${(err as Error).message}`);
  }
  for (const listener of l.listeners) {
    try {
      listener(changes);
    } catch (err) {
      console.error('yichuang: configuration listener failed', err);
    }
  }
}

/**
 * `services[2].prefix` → `prefix` when the route edits services[2] alone. The configuration was valid
 * before the edit, so a problem reported on a sibling (a duplicate prefix is flagged on the later of
 * the two) is this item's problem too.
 */
export function relativeField(field: string, base: string | undefined): string {
  if (!base) return field;
  if (field === base) return '(root)';
  if (field.startsWith(`${base}.`)) return field.slice(base.length + 1);
  if (field.startsWith(`${base}[`)) return field.slice(base.length);
  const item = /^([A-Za-z]+)\[\d+\]$/.exec(base);
  const sibling = item ? new RegExp(`^${item[1]}\\[\\d+\\]\\.(.+)$`).exec(field) : null;
  return sibling ? sibling[1]! : field;
}

/** The newest `config.changed` event, or undefined when the configuration was never changed. */
export async function lastConfigEvent(hub: Hub): Promise<ConfigChangedData | undefined> {
  return (await newestConfigEvent(hub))?.data;
}

async function newestConfigEvent(hub: Hub): Promise<ConfigChangedEvent | undefined> {
  const [last] = await auditEvents(hub, ['config.changed'], { limit: 1, newestFirst: true });
  return last as ConfigChangedEvent | undefined;
}

/**
 * The complete configuration an event recorded on a shared ledger, with this hub's own parts; undefined
 * when the event has none sealed (the embedded store, or a hub of an earlier version made it), null when
 * it cannot be used (reported).
 */
async function recordedConfig(hub: Hub, event: ConfigChangedEvent): Promise<CenterConfig | undefined | null> {
  const { shared } = live(hub);
  const ref = event.data.sealedRef;
  if (!shared || ref === undefined) return undefined;
  try {
    const config = await shared.read(ref, event.data.configHash);
    if (!config) {
      console.error(`yichuang: the configuration of ledger event ${event.seq} is no longer kept beside the ledger; taking only its services, windows and rules`);
      return null;
    }
    return withOwnParts(config, hub.config);
  } catch (err) {
    const why = err instanceof ConfigError ? err.message : `${(err as Error).message} (do all hubs share one YICHUANG_SECRET?)`;
    console.error(`yichuang: cannot take the configuration of ledger event ${event.seq}: ${why}`);
    return null;
  }
}

/** Another hub's change (absorbed from the shared ledger, or found newer before an edit): put it in force here. */
async function adoptRecorded(hub: Hub, event: ConfigChangedEvent): Promise<void> {
  const l = live(hub);
  if (event.seq <= l.seq) return;
  const d = event.data;
  // Without the sealed copy at least the queue's part, keeping this hub's keys and everything else.
  const keys = new Map(hub.config.windows.map((w) => [w.id, w.screenKey]));
  const next = (await recordedConfig(hub, event))
    ?? ({ ...hub.config, services: d.services, rules: d.rules, windows: d.windows.map((w) => ({ ...w, screenKey: keys.get(w.id) })) } as CenterConfig);
  if (event.seq <= l.seq) return; // a change of this hub's own overtook it meanwhile
  putInForce(hub, next, d.changes, [event]);
}

/**
 * At start, the configuration in force (the hub's copy or its file) against the ledger's newest one.
 * Embedded ledger: when they differ the file was edited and wins; the switch is recorded. Shared
 * ledger: the ledger's wins, unless this hub's file was edited since it last saw it — then that file
 * is recorded (sealed) and the other hubs take it.
 */
async function reconcileAtStart(hub: Hub): Promise<void> {
  const l = live(hub);
  const last = await newestConfigEvent(hub);
  if (!last) return;
  markRecorded(l, [last]);
  const recorded = await recordedConfig(hub, last);
  if (recorded && sameConfig(recorded, hub.config)) return;
  if (l.start.origin !== 'file-changed') {
    if (recorded) {
      console.log(`yichuang: taking the configuration of the shared ledger (event ${last.seq}); this hub's file was not edited since`);
      putInForce(hub, recorded, diffConfig(hub.config, recorded), [last]);
      return;
    }
    if (recorded === null) return; // reported: keep this hub's own rather than overwrite what cannot be read
  }
  if (!recorded && last.data.configHash === configHash(hub.config)) return;
  await recordFileChange(hub);
}

/** Records the configuration in force as the technician's change from the file. Not checked against the hall: the file is the technician's word. */
async function recordFileChange(hub: Hub): Promise<void> {
  const l = live(hub);
  const hash = configHash(hub.config);
  const state = hub.state;
  const recorded = { ...hub.config, services: [...state.services.values()], windows: [...state.windowDefs.values()], rules: state.rules } as CenterConfig;
  const changes: ConfigChange[] = [{ section: 'file', action: 'updated' }, ...diffConfig(recorded, hub.config)];
  const sealedRef = await l.shared?.put(hub.config, hub.clock.now());
  const events = await hub.commit({ type: 'change-config', services: hub.config.services, windows: hub.config.windows, rules: hub.config.rules, changes, configHash: hash, source: 'file', by: 'system', sealedRef });
  markRecorded(l, events);
  applyScreenKeys(hub.state, hub.config.windows);
}

/** The newest `config.changed` among `events` is the one in force here, unless a newer one already is. */
function markRecorded(l: LiveConfig, events: StoredEvent[]): void {
  const e = events.findLast((x): x is ConfigChangedEvent => x.type === 'config.changed');
  if (!e || e.seq <= l.seq) return;
  l.seq = e.seq;
  l.base = e.data.configHash ?? null;
}
