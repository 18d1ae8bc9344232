// The kiosk content in force on this hub: per kind, the document of the newest `kiosk-content.changed`
// ledger event, else the data folder's file (or the defaults) as before any edit. It follows the events
// this hub commits and those other hubs sharing the ledger commit (absorbed), so a kiosk on any hub
// shows an edit made on any other. Edits are validated at the route, diffed against the document in
// force and committed through the hub's single writer, one edit at a time per hub. `ifHash` is checked
// here against what this hub has seen, and the edit's base again by the domain under the ledger's write
// lock, so two admins saving through two hubs sharing the ledger at once cannot both win.
import { createHash } from 'node:crypto';
import { auditEvents } from '../config-admin/audit-trail.js';
import type { ConfigChange } from '../domain/config-change.js';
import type { StoredEvent } from '../domain/events.js';
import { contentChanged, type KioskContentEvent } from '../domain/kiosk-content.js';
import type { Hub } from '../hub.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { OneAtATime } from '../one-at-a-time.js';
import { diffContent } from './content-diff.js';
import type { ContentKind, ContentOf } from './content-schema.js';
import { contentStoreOf } from './content-store.js';

const EVENT = 'kiosk-content.changed';

export interface ContentInForce<K extends ContentKind = ContentKind> {
  content: ContentOf<K>;
  contentHash: string;
  /** The ledger event that put it in force; null while the file (or the defaults) is shown. */
  seq: number | null;
  changedAt: number | null;
  by: string | null;
}

export interface ContentEditResult<K extends ContentKind = ContentKind> {
  content: ContentOf<K>;
  contentHash: string;
  changes: ConfigChange[];
}

export const contentHash = (content: unknown) => createHash('sha256').update(canonicalJson(content)).digest('hex');

export class KioskContent {
  private readonly recorded = new Map<ContentKind, ContentInForce>();
  private readonly loaded: Promise<void>;
  private readonly edits = new OneAtATime();

  constructor(private readonly hub: Hub) {
    // Listen first, then read the ledger: an event seen both ways is taken once (by its seq).
    const follow = (events: StoredEvent[]) => {
      for (const e of events) if (e.type === EVENT) this.take(e as StoredEvent & KioskContentEvent);
    };
    hub.onCommitted(follow);
    hub.onAbsorbed(follow);
    this.loaded = auditEvents(hub, [EVENT], {}).then(follow);
  }

  async read<K extends ContentKind>(kind: K): Promise<ContentInForce<K>> {
    await this.loaded;
    const recorded = this.recorded.get(kind);
    if (recorded) return recorded as ContentInForce<K>;
    const content = contentStoreOf(this.hub).read(kind);
    return { content, contentHash: contentHash(content), seq: null, changedAt: null, by: null };
  }

  /** Puts a validated document in force; `ifHash` (the hash the editor loaded) must still be current, else 409. */
  edit<K extends ContentKind>(kind: K, content: ContentOf<K>, by: string, ifHash?: string): Promise<ContentEditResult<K>> {
    return this.edits.run(async () => {
      const current = await this.read(kind);
      if (ifHash !== undefined && ifHash !== current.contentHash) throw contentChanged();
      const changes = diffContent(kind, current.content, content);
      const hash = contentHash(content);
      if (changes.length > 0) {
        // The base: the recorded document this hub shows (null: none recorded yet). Without If-Match the edit replaces whatever is in force.
        const baseHash = ifHash === undefined ? undefined : current.seq === null ? null : current.contentHash;
        const events = await this.hub.commit({ type: 'change-kiosk-content', kind, content, contentHash: hash, changes, by, baseHash });
        for (const e of events) if (e.type === EVENT) this.take(e as StoredEvent & KioskContentEvent);
      }
      return { content, contentHash: hash, changes };
    });
  }

  private take(e: StoredEvent & KioskContentEvent): void {
    const current = this.recorded.get(e.data.kind);
    if (current && current.seq! >= e.seq) return;
    this.recorded.set(e.data.kind, { content: e.data.content as ContentOf<ContentKind>, contentHash: e.data.contentHash, seq: e.seq, changedAt: e.at, by: e.data.by });
  }
}

const perHub = new WeakMap<Hub, KioskContent>();

/** The hub's kiosk content (created on first use: it then reads the ledger and follows it). */
export function kioskContentOf(hub: Hub): KioskContent {
  let c = perHub.get(hub);
  if (!c) perHub.set(hub, (c = new KioskContent(hub)));
  return c;
}
