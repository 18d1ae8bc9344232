// What actors ask of the queue. Ids are minted at the edge so `decide` stays deterministic.
import type { ConfigCommand } from './config-change.js';
import type { PersonalLink } from './events.js';
import type { KioskContentCommand } from './kiosk-content.js';
import type { RevealCommand } from './reveal.js';
import type { Priority, RatingScore, Role, Whereabouts } from './types.js';

export type WindowAction = 'call-next' | 'recall' | 'start' | 'no-show' | 'resume' | 'sign-out';

export type Command =
  | { type: 'issue'; ticketId: string; serviceId: string; priority: Priority; kioskId?: string; by?: string; personal?: PersonalLink; subjectKey?: string; age?: number }
  | { type: 'sign-in'; windowId: string; staffId: string }
  | { type: WindowAction; windowId: string; staffId: string }
  | { type: 'finish'; windowId: string; staffId: string; matter?: string; outcome?: string }
  | { type: 'transfer'; windowId: string; staffId: string; toServiceId?: string; toWindowId?: string; note?: string }
  | { type: 'pause'; windowId: string; staffId: string; reason: string }
  | { type: 'reactivate'; ticketId: string; staffId: string }
  | { type: 'cancel'; ticketId: string; by: string }
  | { type: 'reprint'; ticketId: string; kioskId: string; by?: string }
  | { type: 'rate'; windowId: string; score: RatingScore; source: string; followUpId: string }
  | { type: 'roll-over' }
  | { type: 'create-staff'; staffId: string; username: string; name: string; title: string; titleEn?: string; employeeNo: string; role: Role; photo?: string; personal?: PersonalLink; by: string }
  | { type: 'set-whereabouts'; staffId: string; whereabouts: Whereabouts; note?: string; by: string }
  | { type: 'follow-up-attempt'; followUpId: string; by: string; note: string }
  | { type: 'close-follow-up'; followUpId: string; by: string; reached: boolean; resolved: boolean; note: string }
  | { type: 'register-complaint'; complaintId: string; channel: string; subject: string; content: string; windowId?: string; staffId?: string; personal?: PersonalLink; by: string }
  | { type: 'update-complaint'; complaintId: string; status: 'handling' | 'closed'; reply: string; by: string }
  | { type: 'assign-complaint'; complaintId: string; assigneeId: string; note?: string; by: string }
  | { type: 'complaint-feedback'; complaintId: string; channel: string; note: string; satisfied?: boolean; by: string }
  | { type: 'record-purge'; before: string; refs: number; by: string }
  | ConfigCommand
  | KioskContentCommand
  | RevealCommand;
