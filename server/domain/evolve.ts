// evolve(state, event) applies one durable event to the in-memory state. It is the only writer of
// QueueState; replaying the ledger through it rebuilds the hall exactly as it was.
import { addDays, businessDay } from './business-day.js';
import { evolveConfig } from './config-change.js';
import { recordHandling } from './estimate.js';
import type { EventDraft } from './events.js';
import { evolveKioskContent } from './kiosk-content.js';
import type { QueueState, Ticket, WindowState } from './types.js';

/** Looks up the keyed pseudonym of a personal record (for the one-waiting-ticket-per-person rule). */
export type SubjectKeyLookup = (personalRef: string) => string | undefined;

const RECENT_CALLS = 20;

export function evolve(state: QueueState, e: EventDraft & { seq?: number }, subjectKeyOf: SubjectKeyLookup = () => undefined): void {
  state.revision++;
  const idem = (e.data as { idem?: string }).idem;
  if (idem) state.applied.set(idem, businessDay(e.at, state.rules.timeZone));
  switch (e.type) {
    case 'staff.created': {
      const d = e.data;
      state.staff.set(d.staffId, {
        id: d.staffId, username: d.username, name: d.name, title: d.title, titleEn: d.titleEn, employeeNo: d.employeeNo, role: d.role,
        photo: d.photo, whereabouts: 'on-duty', personalRef: d.personal?.ref,
      });
      return;
    }
    case 'staff.whereabouts': {
      const s = state.staff.get(e.data.staffId);
      if (s) Object.assign(s, { whereabouts: e.data.whereabouts, whereaboutsNote: e.data.note });
      return;
    }
    case 'ticket.issued': {
      const d = e.data;
      state.tickets.set(d.ticketId, {
        id: d.ticketId, number: d.number, serviceId: d.serviceId, day: d.day, seq: d.seq, priority: d.priority,
        status: 'waiting', issuedAt: e.at, kioskId: d.kioskId, issuedBy: d.by, personalRef: d.personal?.ref,
        subjectKey: d.personal ? subjectKeyOf(d.personal.ref) : undefined,
        lane: 'queue', orderKey: d.orderKey, recalls: 0, transfers: [],
      });
      state.counters.set(`${d.day}|${d.serviceId}`, Math.max(d.seq, state.counters.get(`${d.day}|${d.serviceId}`) ?? 0));
      bumpOrder(state, d.orderKey);
      return;
    }
    case 'ticket.called': {
      const t = ticket(state, e.data.ticketId);
      const w = windowOf(state, e.data.windowId);
      Object.assign(t, { status: 'called', windowId: w.id, staffId: e.data.staffId, calledAt: e.at, recalls: 0, targetWindowId: undefined });
      t.firstCalledAt ??= e.at;
      w.currentTicketId = t.id;
      w.consecutiveGreen = t.priority === 'green' && t.lane === 'queue' ? w.consecutiveGreen + 1 : 0;
      pushCall(state, e, t, false);
      return;
    }
    case 'ticket.recalled': {
      const t = ticket(state, e.data.ticketId);
      t.recalls = e.data.recalls;
      pushCall(state, e, t, true);
      return;
    }
    case 'ticket.started':
      Object.assign(ticket(state, e.data.ticketId), { status: 'serving', startedAt: e.at });
      return;
    case 'ticket.finished': {
      const t = ticket(state, e.data.ticketId);
      Object.assign(t, { status: 'done', finishedAt: e.at, matter: e.data.matter, outcome: e.data.outcome, rateUntil: e.data.rateUntil });
      const w = windowOf(state, e.data.windowId);
      w.currentTicketId = undefined;
      w.lastFinishedTicketId = t.id;
      recordHandling(state, t.serviceId, (e.at - (t.startedAt ?? t.calledAt ?? e.at)) / 60_000);
      return;
    }
    case 'ticket.no-show': {
      const t = ticket(state, e.data.ticketId);
      t.status = 'no-show';
      windowOf(state, e.data.windowId).currentTicketId = undefined;
      return;
    }
    case 'ticket.reactivated':
      Object.assign(ticket(state, e.data.ticketId), { status: 'waiting', lane: 'queue', orderKey: e.data.orderKey, windowId: undefined, recalls: 0 });
      bumpOrder(state, e.data.orderKey);
      return;
    case 'ticket.transferred': {
      const d = e.data;
      const t = ticket(state, d.ticketId);
      t.transfers.push({ at: e.at, byStaffId: d.by, fromServiceId: d.fromServiceId, fromWindowId: d.fromWindowId, toServiceId: d.toServiceId, toWindowId: d.toWindowId, note: d.note });
      Object.assign(t, { status: 'waiting', serviceId: d.toServiceId, lane: 'front', orderKey: d.orderKey, targetWindowId: d.toWindowId, windowId: undefined, startedAt: undefined, recalls: 0 });
      windowOf(state, d.fromWindowId).currentTicketId = undefined;
      bumpOrder(state, d.orderKey);
      return;
    }
    case 'ticket.cancelled': {
      const t = ticket(state, e.data.ticketId);
      Object.assign(t, { status: 'cancelled', cancelReason: e.data.reason, subjectKey: undefined });
      for (const w of state.windows.values()) if (w.currentTicketId === t.id) w.currentTicketId = undefined;
      return;
    }
    case 'ticket.reprinted': {
      const t = ticket(state, e.data.ticketId);
      t.reprints = (t.reprints ?? 0) + 1;
      return;
    }
    case 'ticket.rated':
      Object.assign(ticket(state, e.data.ticketId), { rating: e.data.score, ratedAt: e.at });
      return;
    case 'window.signed-in': {
      const w = windowOf(state, e.data.windowId);
      Object.assign(w, { status: 'open', staffId: e.data.staffId, post: e.data.post, signedInAt: e.at, pauseReason: undefined, consecutiveGreen: 0 });
      const s = state.staff.get(e.data.staffId);
      if (s) s.windowId = w.id;
      return;
    }
    case 'window.signed-out': {
      const w = windowOf(state, e.data.windowId);
      Object.assign(w, { status: 'closed', staffId: undefined, post: undefined, signedInAt: undefined, pauseReason: undefined, pausedAt: undefined });
      const s = state.staff.get(e.data.staffId);
      if (s) s.windowId = undefined;
      return;
    }
    case 'window.paused':
      Object.assign(windowOf(state, e.data.windowId), { status: 'paused', pauseReason: e.data.reason, pausedAt: e.at });
      return;
    case 'window.resumed':
      Object.assign(windowOf(state, e.data.windowId), { status: 'open', pauseReason: undefined, pausedAt: undefined });
      return;
    case 'follow-up.opened': {
      const t = ticket(state, e.data.ticketId);
      state.followUps.set(e.data.followUpId, {
        id: e.data.followUpId, ticketId: t.id, number: t.number, rating: t.rating!, staffId: t.staffId, windowId: t.windowId,
        openedAt: e.at, dueAt: e.data.dueAt, status: 'open',
      });
      return;
    }
    case 'follow-up.attempted': {
      const f = state.followUps.get(e.data.followUpId)!;
      (f.attempts ??= []).push({ at: e.at, by: e.data.by, note: e.data.note });
      return;
    }
    case 'follow-up.closed': {
      const f = state.followUps.get(e.data.followUpId)!;
      Object.assign(f, { status: 'done', reached: e.data.reached, resolved: e.data.resolved, note: e.data.note, closedAt: e.at, closedBy: e.data.by });
      return;
    }
    case 'complaint.registered': {
      const d = e.data;
      state.complaints.set(d.complaintId, {
        id: d.complaintId, channel: d.channel, subject: d.subject, content: d.content, windowId: d.windowId, staffId: d.staffId,
        personalRef: d.personal?.ref, registeredAt: e.at, registeredBy: d.by, dueAt: d.dueAt, status: 'open', history: [],
      });
      return;
    }
    case 'complaint.updated': {
      const c = state.complaints.get(e.data.complaintId)!;
      c.status = e.data.status;
      c.reply = e.data.reply;
      c.history.push({ at: e.at, by: e.data.by, status: e.data.status, reply: e.data.reply });
      return;
    }
    case 'complaint.assigned': {
      const c = state.complaints.get(e.data.complaintId)!;
      c.assigneeId = e.data.assigneeId;
      c.assignedAt = e.at;
      return;
    }
    case 'complaint.feedback': {
      const c = state.complaints.get(e.data.complaintId)!;
      c.feedback = { at: e.at, by: e.data.by, channel: e.data.channel, note: e.data.note, satisfied: e.data.satisfied };
      return;
    }
    case 'personal.purged':
    case 'personal.revealed':
      return;
    case 'kiosk-content.changed': // the content lives beside the queue state (server/kiosk-content), its hash here
      evolveKioskContent(state, e);
      return;
    case 'config.changed':
    case 'staff.updated':
      evolveConfig(state, e);
      return;
  }
}

function ticket(state: QueueState, id: string): Ticket {
  const t = state.tickets.get(id);
  if (!t) throw new Error(`ledger inconsistency: event for unknown ticket ${id}`);
  return t;
}

/** A window removed from the configuration since the event: apply to a detached copy, keep replaying. */
function windowOf(state: QueueState, id: string): WindowState {
  return state.windows.get(id) ?? { id, status: 'closed', consecutiveGreen: 0 };
}

function bumpOrder(state: QueueState, orderKey: number): void {
  state.order = Math.max(state.order, Math.ceil(orderKey));
}

function pushCall(state: QueueState, e: EventDraft & { seq?: number }, t: Ticket, recall: boolean): void {
  state.recentCalls.push({ eventSeq: e.seq ?? 0, ticketId: t.id, ticketNumber: t.number, windowId: t.windowId!, serviceId: t.serviceId, at: e.at, recall });
  if (state.recentCalls.length > RECENT_CALLS) state.recentCalls.shift();
}

/**
 * Drops finished tickets of earlier business days from memory (the store keeps them); keeps anything
 * a window or a rating may still refer to.
 */
export function pruneSettled(state: QueueState, now: number): void {
  const today = businessDay(now, state.rules.timeZone);
  const referenced = new Set<string>();
  for (const w of state.windows.values()) {
    if (w.currentTicketId) referenced.add(w.currentTicketId);
    if (w.lastFinishedTicketId) referenced.add(w.lastFinishedTicketId);
  }
  for (const f of state.followUps.values()) if (f.status === 'open') referenced.add(f.ticketId);
  for (const [id, t] of state.tickets) {
    const settled = t.status === 'done' || t.status === 'cancelled' || t.status === 'no-show';
    if (t.day < today && settled && !referenced.has(id)) state.tickets.delete(id);
  }
  for (const key of state.counters.keys()) if (key.slice(0, 10) < today) state.counters.delete(key);
  // A device resends within minutes; keys of days before yesterday can go.
  for (const [key, day] of state.applied) if (day < addDays(today, -1)) state.applied.delete(key);
  state.day = today;
}
