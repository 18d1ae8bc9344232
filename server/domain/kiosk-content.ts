// The kiosk's 触摸查询 content (guides, legal Q&A, service commitments) as ledger events: every edit is one
// `kiosk-content.changed` event carrying the whole validated document (public text, no personal data),
// so the ledger records who changed what and every hub sharing the ledger serves the newest document.
// The queue state does not hold the content (the hub's content module keeps the newest per kind), only
// each kind's newest hash, so an edit made on a stale base is refused under the ledger's write lock.
import type { ConfigChange } from './config-change.js';
import { Refusal } from './errors.js';
import type { EventDraft } from './events.js';
import type { QueueState } from './types.js';

export const KIOSK_CONTENT_KINDS = ['guides', 'qa', 'commitments'] as const;
export type KioskContentKind = (typeof KIOSK_CONTENT_KINDS)[number];

export interface KioskContentCommand {
  type: 'change-kiosk-content';
  kind: KioskContentKind;
  /** The whole document, validated at the edge with the content schema. */
  content: unknown;
  /** sha256 of the document's canonical JSON. */
  contentHash: string;
  /** What changed against the document in force (items added, removed, updated; order). */
  changes: ConfigChange[];
  by: string;
  /**
   * The contentHash of the recorded document the edit was made on (null: none recorded yet, the data
   * folder's file or the defaults in force): refused when another was recorded since. Not recorded.
   */
  baseHash?: string | null;
}

export interface KioskContentEvent {
  type: 'kiosk-content.changed';
  data: { kind: KioskContentKind; content: unknown; contentHash: string; changes: ConfigChange[]; by: string };
}

/** Someone saved this kind since this edit's base was loaded (409: reload and save again). */
export const contentChanged = () => new Refusal('conflict', 'content-changed', '内容已被他人修改，请刷新后再保存 / the content changed since you loaded it: reload and save again');

/** An edit that changes nothing leaves no event. */
export function decideKioskContent(state: QueueState, cmd: KioskContentCommand, now: number): EventDraft[] {
  if (cmd.changes.length === 0) return [];
  if (cmd.baseHash !== undefined && cmd.baseHash !== (state.kioskContentHashes?.get(cmd.kind) ?? null)) throw contentChanged();
  const { type: _t, baseHash: _b, ...data } = cmd;
  return [{ type: 'kiosk-content.changed', at: now, data }];
}

/** Keeps the newest hash per kind (called by `evolve`). */
export function evolveKioskContent(state: QueueState, e: KioskContentEvent): void {
  (state.kioskContentHashes ??= new Map()).set(e.data.kind, e.data.contentHash);
}
