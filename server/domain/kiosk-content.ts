// The kiosk's 触摸查询 content (guides, legal Q&A, service commitments) as ledger events: every edit is one
// `kiosk-content.changed` event carrying the whole validated document (public text, no personal data),
// so the ledger records who changed what and every hub sharing the ledger serves the newest document.
// The queue state does not hold the content: the hub's content module keeps the newest per kind.
import type { ConfigChange } from './config-change.js';
import type { EventDraft } from './events.js';

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
}

export interface KioskContentEvent {
  type: 'kiosk-content.changed';
  data: { kind: KioskContentKind; content: unknown; contentHash: string; changes: ConfigChange[]; by: string };
}

/** An edit that changes nothing leaves no event. */
export function decideKioskContent(cmd: KioskContentCommand, now: number): EventDraft[] {
  if (cmd.changes.length === 0) return [];
  const { type: _t, ...data } = cmd;
  return [{ type: 'kiosk-content.changed', at: now, data }];
}
