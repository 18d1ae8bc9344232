// "What changed" in an edit of kiosk content, in the audit trail's terms (section, item, action, fields):
// guides are keyed by their service, Q&A categories and items and the commitments by their id.
import { diffItems } from '../config-admin/config-diff.js';
import type { ConfigChange } from '../domain/config-change.js';
import type { ContentKind, ContentOf, Guide } from './content-schema.js';

const keyed = (guides: Guide[]) => guides.map((g) => ({ id: g.serviceId, ...g }));

export function diffContent<K extends ContentKind>(kind: K, prev: ContentOf<K>, next: ContentOf<K>): ConfigChange[] {
  switch (kind) {
    case 'guides':
      return diffItems('guides', keyed(prev as Guide[]), keyed(next as Guide[]));
    case 'qa': {
      const [a, b] = [prev as ContentOf<'qa'>, next as ContentOf<'qa'>];
      return [...diffItems('qa-categories', a.categories, b.categories), ...diffItems('qa', a.items, b.items)];
    }
    default:
      return diffItems('commitments', prev as ContentOf<'commitments'>, next as ContentOf<'commitments'>);
  }
}
