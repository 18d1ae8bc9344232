// Configuration changes applied live: validated with the same schema as the configuration file, checked
// against the open hall by the domain (checkLiveChange), recorded as one `config.changed` ledger event,
// then put in force — the queue state through the event, the hub's configuration (kiosks, notices,
// center, keys) right after, screens through a fresh /display snapshot — and saved in the data folder so
// a restart keeps it. Changes are applied one at a time, each against the configuration in force.
import { ApiError } from '../api/api-error.js';
import { ConfigError, parseConfig } from '../config/load-config.js';
import type { CenterConfig } from '../config/schema.js';
import { applyScreenKeys, type ConfigChange, type ConfigEvent } from '../domain/config-change.js';
import { Refusal } from '../domain/errors.js';
import type { StoredEvent } from '../domain/events.js';
import type { Hub } from '../hub.js';
import { auditEvents } from './audit-trail.js';
import { diffConfig } from './config-diff.js';
import { configHash } from './config-hash.js';
import { saveLiveConfig, type LiveConfigStart } from './live-config-file.js';

/** Parts the running hub cannot take over without a restart: the device layer and limiters are built at start. */
const RESTART_ONLY = ['devices', 'agents', 'rateLimits'] as const;

interface LiveConfig {
  start: LiveConfigStart;
  listeners: ((changes: ConfigChange[]) => void)[];
  /** The change in progress: the next one waits for it, so each is diffed against what is in force. */
  tail: Promise<unknown>;
}

const registry = new WeakMap<Hub, LiveConfig>();

function live(hub: Hub): LiveConfig {
  let l = registry.get(hub);
  if (!l) registry.set(hub, (l = { start: { config: hub.config, baseHash: '', dataDir: undefined }, listeners: [], tail: Promise.resolve() }));
  return l;
}

/** Called once the hub is open: remembers where to save, and records a configuration the file changed. */
export async function attachLiveConfig(hub: Hub, start: LiveConfigStart): Promise<void> {
  live(hub).start = start;
  await recordFileChange(hub);
}

/** Runs after every applied change (realtime: screens get a fresh snapshot). */
export function onConfigApplied(hub: Hub, listener: (changes: ConfigChange[]) => void): void {
  live(hub).listeners.push(listener);
}

export interface ApplyResult {
  changes: ConfigChange[];
  configHash: string;
}

/**
 * Applies an edit of the configuration in force. `edit` gets a deep copy to change (or returns a new
 * one); `ifHash`, when given, must match the configuration in force (someone else saved meanwhile → 409).
 */
export function editConfig(
  hub: Hub,
  edit: (draft: Record<string, unknown>) => unknown,
  by: string,
  /** fieldBase: the part the route edits (`services[2]`), so a 400 names the field within it; may be known only after the edit. */
  opts: { ifHash?: string; fieldBase?: string | (() => string) } = {},
): Promise<ApplyResult> {
  const l = live(hub);
  const run = l.tail.then(async () => {
    const current = hub.config;
    if (opts.ifHash !== undefined && opts.ifHash !== configHash(current)) {
      throw new ApiError(409, 'config-changed', '配置已被他人修改，请刷新后再保存 / the configuration changed since you loaded it: reload and save again');
    }
    const draft = structuredClone(current) as unknown as Record<string, unknown>;
    const edited = edit(draft) ?? draft;
    return applyConfig(hub, edited, by, typeof opts.fieldBase === 'function' ? opts.fieldBase() : opts.fieldBase);
  });
  l.tail = run.catch(() => undefined);
  return run;
}

async function applyConfig(hub: Hub, input: unknown, by: string, fieldBase?: string): Promise<ApplyResult> {
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
  try {
    await hub.commit({ type: 'change-config', services: next.services, windows: next.windows, rules: next.rules, changes, configHash: hash, source: 'admin', by });
  } catch (err) {
    if (err instanceof Refusal && err.field !== undefined) throw new Refusal(err.kind, err.code, err.message, relativeField(err.field, fieldBase));
    throw err;
  }
  putInForce(hub, next, changes);
  return { changes, configHash: hash };
}

function putInForce(hub: Hub, next: CenterConfig, changes: ConfigChange[]): void {
  const l = live(hub);
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
export async function lastConfigEvent(hub: Hub): Promise<Extract<ConfigEvent, { type: 'config.changed' }>['data'] | undefined> {
  const [last] = await auditEvents(hub, ['config.changed'], { limit: 1, newestFirst: true });
  return last ? (last as StoredEvent & ConfigEvent).data as Extract<ConfigEvent, { type: 'config.changed' }>['data'] : undefined;
}

/**
 * At start: when the ledger's last recorded configuration is not the one in force (the file was edited
 * and wins), record the switch. Not checked against the hall: the file is the technician's word.
 */
async function recordFileChange(hub: Hub): Promise<void> {
  const last = await lastConfigEvent(hub);
  const hash = configHash(hub.config);
  if (!last || last.configHash === hash) return;
  const state = hub.state;
  const recorded = { ...hub.config, services: [...state.services.values()], windows: [...state.windowDefs.values()], rules: state.rules } as CenterConfig;
  const changes: ConfigChange[] = [{ section: 'file', action: 'updated' }, ...diffConfig(recorded, hub.config)];
  await hub.commit({ type: 'change-config', services: hub.config.services, windows: hub.config.windows, rules: hub.config.rules, changes, configHash: hash, source: 'file', by: 'system' });
  applyScreenKeys(hub.state, hub.config.windows);
}
