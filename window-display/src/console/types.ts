// Shapes of the console routes (server/api/routes/console-routes.ts) and the contract's window routes.
import type { WindowView } from '../display-feed.js';

export type { WindowView };

export interface QueueTicket {
  ticketId: string;
  number: string;
  priority: 'normal' | 'green';
  transferred: boolean;
  toThisWindow: boolean;
  waitedMinutes: number;
}

export interface QueueService {
  serviceId: string;
  name: string;
  nameEn: string;
  prefix: string;
  discreet: boolean;
  waiting: number;
  longestWaitMinutes: number;
  alertMinutes: number | null;
  alert: boolean;
  tickets: QueueTicket[];
}

export interface WindowQueue {
  windowId: string;
  services: QueueService[];
  handedIn: QueueTicket[];
}

export interface CurrentVisit {
  ticketId: string;
  number: string;
  serviceId: string;
  serviceName: string;
  status: 'called' | 'serving' | string;
  priority: 'normal' | 'green';
  calledAt: string | null;
  startedAt: string | null;
  recalls: number;
  recallsBeforeNoShow: number;
  timeLimitMinutes: number;
  /** 办理事项 quick picks configured for the service. */
  matters: string[];
  transfers: { fromWindowId: string; toServiceId: string; note: string | null }[];
  hasPersonal: boolean;
  visitor: { nameMasked: string | null; phoneMasked: string | null; idNumberMasked: string | null } | null;
}

export interface Today {
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  avgHandlingMinutes: number | null;
  ratings: Record<'very-satisfied' | 'satisfied' | 'basic' | 'dissatisfied', number>;
  rated: number;
  satisfactionRate: number | null;
}

export interface ServiceItem {
  id: string;
  name: string;
  nameEn: string;
}

/** What `POST /api/v1/tickets/<id>/reveal` answers (audited). */
export interface Revealed {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
}
