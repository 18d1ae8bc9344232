// Every state change is one of these events. Bodies carry no personal data: names, ID numbers and
// phones live encrypted outside the hash chain and are referenced by `personal.ref` + a commitment.
import type { ConfigEvent } from './config-change.js';
import type { KioskContentEvent } from './kiosk-content.js';
import type { RevealEvent } from './reveal.js';
import type { Priority, RatingScore, Role, Whereabouts, Post } from './types.js';

export interface PersonalLink {
  ref: string;
  /** sha256 over a random nonce and the plaintext, so a purge cannot break the chain. */
  commitment: string;
}

export type DomainEvent =
  | { type: 'staff.created'; data: { staffId: string; username: string; name: string; title: string; titleEn?: string; employeeNo: string; role: Role; photo?: string; personal?: PersonalLink; by: string } }
  | { type: 'staff.whereabouts'; data: { staffId: string; whereabouts: Whereabouts; note?: string; by: string } }
  | { type: 'ticket.issued'; data: { ticketId: string; serviceId: string; number: string; day: string; seq: number; priority: Priority; orderKey: number; kioskId?: string; by?: string; personal?: PersonalLink } }
  | { type: 'ticket.called'; data: { ticketId: string; windowId: string; staffId: string } }
  | { type: 'ticket.recalled'; data: { ticketId: string; windowId: string; staffId: string; recalls: number } }
  | { type: 'ticket.started'; data: { ticketId: string; windowId: string; staffId: string } }
  | { type: 'ticket.finished'; data: { ticketId: string; windowId: string; staffId: string; matter?: string; outcome?: string; rateUntil: number } }
  | { type: 'ticket.no-show'; data: { ticketId: string; windowId: string; staffId: string } }
  | { type: 'ticket.reactivated'; data: { ticketId: string; by: string; orderKey: number } }
  | { type: 'ticket.transferred'; data: { ticketId: string; by: string; fromServiceId: string; fromWindowId: string; toServiceId: string; toWindowId?: string; note?: string; orderKey: number } }
  | { type: 'ticket.cancelled'; data: { ticketId: string; reason: 'expired' | 'withdrawn'; by?: string } }
  | { type: 'ticket.reprinted'; data: { ticketId: string; kioskId: string; by?: string } }
  | { type: 'ticket.rated'; data: { ticketId: string; windowId: string; staffId?: string; score: RatingScore; source: string } }
  | { type: 'window.signed-in'; data: { windowId: string; staffId: string; post: Post } }
  | { type: 'window.signed-out'; data: { windowId: string; staffId: string; by: string } }
  | { type: 'window.paused'; data: { windowId: string; staffId: string; reason: string } }
  | { type: 'window.resumed'; data: { windowId: string; staffId: string } }
  | { type: 'follow-up.opened'; data: { followUpId: string; ticketId: string; dueAt: number } }
  | { type: 'follow-up.attempted'; data: { followUpId: string; by: string; note: string } }
  | { type: 'follow-up.closed'; data: { followUpId: string; by: string; reached: boolean; resolved: boolean; note: string } }
  | { type: 'complaint.registered'; data: { complaintId: string; channel: string; subject: string; content: string; windowId?: string; staffId?: string; personal?: PersonalLink; by: string; dueAt: number } }
  | { type: 'complaint.updated'; data: { complaintId: string; status: 'handling' | 'closed'; reply: string; by: string } }
  | { type: 'complaint.assigned'; data: { complaintId: string; assigneeId: string; note?: string; by: string } }
  | { type: 'complaint.feedback'; data: { complaintId: string; channel: string; note: string; satisfied?: boolean; by: string } }
  | { type: 'personal.purged'; data: { before: string; refs: number; by: string } }
  | ConfigEvent
  | KioskContentEvent
  | RevealEvent;

export type EventType = DomainEvent['type'];

/** An event as the domain decides it: the store adds seq and the hash chain. */
export type EventDraft = DomainEvent & { at: number };

/** Any event body may carry `idem`: the idempotency key of the device press that caused it. */
export const IDEM_FIELD = 'idem';

/** An event as stored: numbered and chained. */
export type StoredEvent = EventDraft & { seq: number; hash: string; prevHash: string };
