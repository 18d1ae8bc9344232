// The queue domain's vocabulary. Pure data: no I/O anywhere under server/domain.

export type Priority = 'normal' | 'green';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'cancelled';
export type RatingScore = 'very-satisfied' | 'satisfied' | 'basic' | 'dissatisfied';
export type WindowStatus = 'closed' | 'open' | 'paused';
export type Post = 'A' | 'B';
export type Role = 'admin' | 'director' | 'staff';
export type Whereabouts = 'on-duty' | 'away' | 'out' | 'leave';

export const RATING_SCORES: readonly RatingScore[] = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied'];

export interface ServiceDef {
  id: string;
  prefix: string;
  name: string;
  nameEn: string;
  description?: string;
  descriptionEn?: string;
  materials: string[];
  timeLimitMinutes: number;
  /** A sensitive service: public screens and voice calls never name it. */
  discreet: boolean;
  /** Alert threshold for the longest wait, minutes. */
  waitAlertMinutes?: number;
  /** Opening hours shown when no window serving it is open, e.g. "周一至周五 9:00–17:00". */
  hours?: string;
}

export interface WindowDef {
  id: string;
  name: string;
  nameEn?: string;
  services: string[];
  /** 业务类别 shown on the window screen. */
  category?: string;
  screenKey?: string;
  /** AB岗: usernames of the staff holding the A and B post at this window. */
  posts?: { A?: string; B?: string };
}

export interface QueueRules {
  timeZone: string;
  /** Cap of consecutive green-channel calls at one window before a waiting normal ticket is called. */
  greenCap: number;
  /** Recalls required before staff may mark a called ticket as no-show. */
  recallsBeforeNoShow: number;
  /** A re-activated no-show re-enters behind this many waiting tickets. */
  reactivateBehind: number;
  ratingWindowSeconds: number;
  greenAge: number;
  /** How many recent handling times feed the moving average. */
  handlingSample: number;
  /** Handling time assumed before any ticket of a service was finished today. */
  defaultHandlingMinutes: number;
  followUpDays: number;
  complaintDays: number;
}

export interface Transfer {
  at: number;
  byStaffId: string;
  fromServiceId: string;
  fromWindowId: string;
  toServiceId: string;
  toWindowId?: string;
  note?: string;
}

export interface Ticket {
  id: string;
  number: string;
  serviceId: string;
  /** Business day (center time zone) the ticket was issued, YYYY-MM-DD. */
  day: string;
  seq: number;
  priority: Priority;
  status: TicketStatus;
  issuedAt: number;
  kioskId?: string;
  issuedBy?: string;
  /** Reference to the encrypted personal record (name, ID number, phone). */
  personalRef?: string;
  /** Keyed pseudonym of the ID number, only while waiting; enforces one waiting ticket per person. */
  subjectKey?: string;
  /** 'front' = transferred in (served before the ordinary queue); 'queue' = ordinary order. */
  lane: 'front' | 'queue';
  orderKey: number;
  /** A transfer to a specific window: only that window calls it. */
  targetWindowId?: string;
  windowId?: string;
  staffId?: string;
  firstCalledAt?: number;
  calledAt?: number;
  startedAt?: number;
  finishedAt?: number;
  recalls: number;
  matter?: string;
  outcome?: string;
  rating?: RatingScore;
  ratedAt?: number;
  rateUntil?: number;
  transfers: Transfer[];
  cancelReason?: 'expired' | 'withdrawn';
  reprints?: number;
}

export interface WindowState {
  id: string;
  status: WindowStatus;
  staffId?: string;
  post?: Post;
  signedInAt?: number;
  pauseReason?: string;
  /** When the current pause began (the dashboard flags a pause that lasts too long). */
  pausedAt?: number;
  currentTicketId?: string;
  consecutiveGreen: number;
  lastFinishedTicketId?: string;
}

export interface Staff {
  id: string;
  username: string;
  name: string;
  title: string;
  /** The title in English for the screens' English text; absent in events from before it existed. */
  titleEn?: string;
  employeeNo: string;
  role: Role;
  photo?: string;
  whereabouts: Whereabouts;
  whereaboutsNote?: string;
  personalRef?: string;
  windowId?: string;
}

export interface FollowUp {
  id: string;
  ticketId: string;
  number: string;
  rating: RatingScore;
  staffId?: string;
  windowId?: string;
  openedAt: number;
  dueAt: number;
  status: 'open' | 'done';
  reached?: boolean;
  resolved?: boolean;
  note?: string;
  closedAt?: number;
  closedBy?: string;
  /** Calls that did not reach the citizen or did not settle it yet; the follow-up stays open. */
  attempts?: { at: number; by: string; note: string }[];
}

export interface Complaint {
  id: string;
  channel: string;
  subject: string;
  content: string;
  windowId?: string;
  staffId?: string;
  personalRef?: string;
  registeredAt: number;
  registeredBy: string;
  dueAt: number;
  status: 'open' | 'handling' | 'closed';
  /** The staff member assigned to handle it (承办人). */
  assigneeId?: string;
  assignedAt?: number;
  /** The answer given back to the complainant (反馈): how, what, and whether they accepted it. */
  feedback?: { at: number; by: string; channel: string; note: string; satisfied?: boolean };
  reply?: string;
  history: { at: number; by: string; status: 'handling' | 'closed'; reply: string }[];
}

export interface RecentCall {
  eventSeq: number;
  ticketId: string;
  ticketNumber: string;
  windowId: string;
  serviceId: string;
  at: number;
  recall: boolean;
}

export interface QueueState {
  rules: QueueRules;
  services: Map<string, ServiceDef>;
  windowDefs: Map<string, WindowDef>;
  windows: Map<string, WindowState>;
  staff: Map<string, Staff>;
  tickets: Map<string, Ticket>;
  followUps: Map<string, FollowUp>;
  complaints: Map<string, Complaint>;
  /** Last number issued per `${day}|${serviceId}`. */
  counters: Map<string, number>;
  /** Recent handling minutes per service (newest last), for the wait estimate. */
  handling: Map<string, number[]>;
  /** Monotonic ordering source for queue positions. */
  order: number;
  /** Business day the state has been rolled over to. */
  day: string;
  recentCalls: RecentCall[];
  /** Idempotency keys of device presses already applied (key → business day), so a resend never counts twice. */
  applied: Map<string, string>;
  /** Bumped by every event evolve applies: read models of the whole state are kept per revision. */
  revision: number;
  /** configHash of the newest `config.changed` (unset: none recorded yet), so an edit's base is checked under the write lock. */
  configHash?: string;
  /** contentHash of the newest `kiosk-content.changed` per kind (absent: none recorded yet), for the same check. */
  kioskContentHashes?: Map<string, string>;
}
