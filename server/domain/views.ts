// Read models shaped for the API and the screens. Public views carry no personal data.
import { estimatedWaitMinutes } from './estimate.js';
import { aheadOf, waitingCount } from './queue-order.js';
import type { QueueState, RecentCall, Staff, Ticket } from './types.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function ticketView(state: QueueState, t: Ticket) {
  const service = state.services.get(t.serviceId);
  const ahead = t.status === 'waiting' ? aheadOf(state, t) : 0;
  const window = t.windowId ? state.windowDefs.get(t.windowId) : undefined;
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    serviceName: service?.name ?? t.serviceId,
    serviceNameEn: service?.nameEn ?? t.serviceId,
    status: t.status,
    priority: t.priority,
    issuedAt: iso(t.issuedAt)!,
    ahead,
    estimatedWaitMinutes: t.status === 'waiting' ? estimatedWaitMinutes(state, t.serviceId, ahead) : 0,
    windowId: t.windowId ?? null,
    windowName: window?.name ?? null,
    calledAt: iso(t.calledAt) ?? null,
    recalls: t.recalls,
    cancelReason: t.cancelReason ?? null,
  };
}

export type TicketView = ReturnType<typeof ticketView>;

export function serviceList(state: QueueState) {
  return [...state.services.values()].map((s) => {
    const waiting = waitingCount(state, s.id);
    const open = [...state.windowDefs.values()].some((w) => w.services.includes(s.id) && state.windows.get(w.id)?.status !== 'closed');
    return {
      id: s.id, prefix: s.prefix, name: s.name, nameEn: s.nameEn, description: s.description ?? null,
      descriptionEn: s.descriptionEn ?? null, materials: s.materials, timeLimitMinutes: s.timeLimitMinutes,
      discreet: s.discreet, hours: s.hours ?? null, waiting, estimatedWaitMinutes: estimatedWaitMinutes(state, s.id, waiting), open,
      windows: [...state.windowDefs.values()].filter((w) => w.services.includes(s.id)).map((w) => w.id),
    };
  });
}

export function staffCard(s: Staff | undefined) {
  if (!s) return null;
  return { id: s.id, name: s.name, title: s.title, titleEn: s.titleEn ?? null, employeeNo: s.employeeNo, photo: s.photo ?? null, whereabouts: s.whereabouts, whereaboutsNote: s.whereaboutsNote ?? null };
}

function staffByUsername(state: QueueState, username: string | undefined): Staff | undefined {
  if (!username) return undefined;
  for (const s of state.staff.values()) if (s.username === username) return s;
  return undefined;
}

export function windowView(state: QueueState, id: string) {
  const def = state.windowDefs.get(id)!;
  const w = state.windows.get(id)!;
  const current = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
  const currentService = current ? state.services.get(current.serviceId) : undefined;
  return {
    id, name: def.name, nameEn: def.nameEn ?? null, category: def.category ?? null, services: def.services,
    status: w.status, pauseReason: w.pauseReason ?? null, post: w.post ?? null,
    staff: staffCard(w.staffId ? state.staff.get(w.staffId) : undefined),
    posts: { A: staffCard(staffByUsername(state, def.posts?.A)), B: staffCard(staffByUsername(state, def.posts?.B)) },
    current: current
      ? { ticketNumber: current.number, status: current.status, serviceName: currentService?.discreet ? null : currentService?.name ?? null }
      : null,
  };
}

export function callView(state: QueueState, c: RecentCall) {
  const service = state.services.get(c.serviceId);
  return {
    id: c.eventSeq,
    ticketNumber: c.ticketNumber,
    windowId: c.windowId,
    windowName: state.windowDefs.get(c.windowId)?.name ?? c.windowId,
    serviceName: service && !service.discreet ? service.name : null,
    at: iso(c.at)!,
    recall: c.recall,
  };
}

/** What a hall or window screen gets on (re)connect: the present, never old calls as new. */
export function displaySnapshot(state: QueueState, now: number, windowId?: string) {
  return {
    at: iso(now)!,
    calls: state.recentCalls.slice(-8).reverse().map((c) => callView(state, c)),
    services: [...state.services.values()].map((s) => ({
      id: s.id, prefix: s.prefix, name: s.discreet ? null : s.name, nameEn: s.discreet ? null : s.nameEn, waiting: waitingCount(state, s.id),
    })),
    windows: [...state.windowDefs.keys()].map((id) => windowView(state, id)),
    window: windowId ? windowView(state, windowId) : null,
  };
}
