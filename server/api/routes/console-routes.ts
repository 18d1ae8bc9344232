// The staff console's read side: the queue of the services a window serves (numbers only, longest wait,
// alert past the service's waiting threshold), the visitor now at the window (masked; a reveal is a
// separate, audited route), and the signed-in staff member's own figures today. Actions go through
// the contract's window routes, as hardware keypads do.
import { z } from 'zod';
import type { Hub } from '../../hub.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { maskIdNumber, maskName, maskPhone } from '../../domain/masking.js';
import type { QueueState, RatingScore, Ticket } from '../../domain/types.js';
import { RATING_SCORES } from '../../domain/types.js';
import { ApiError } from '../api-error.js';
import { requireUser } from '../principal.js';
import { route, type RouteSpec } from '../route-spec.js';
import { errorSchema, idParam } from '../schemas.js';

/** How many waiting numbers per service the console lists (the count is always complete). */
const LISTED = 12;
const minutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

export function windowQueue(state: QueueState, windowId: string, now: number) {
  const def = state.windowDefs.get(windowId)!;
  const rank = (t: Ticket) => (t.targetWindowId === windowId ? 0 : t.lane === 'front' ? 1 : t.priority === 'green' ? 2 : 3);
  const item = (t: Ticket) => ({
    ticketId: t.id, number: t.number, priority: t.priority, transferred: t.lane === 'front' || t.targetWindowId !== undefined,
    toThisWindow: t.targetWindowId === windowId, waitedMinutes: minutes(now - t.issuedAt),
  });
  const services = def.services.map((serviceId) => {
    const s = state.services.get(serviceId)!;
    const waiting: Ticket[] = [];
    for (const t of state.tickets.values()) {
      if (t.status !== 'waiting' || t.serviceId !== serviceId) continue;
      if (t.targetWindowId !== undefined && t.targetWindowId !== windowId) continue;
      waiting.push(t);
    }
    waiting.sort((a, b) => rank(a) - rank(b) || a.orderKey - b.orderKey);
    const longest = waiting.reduce((m, t) => Math.max(m, now - t.issuedAt), 0);
    const longestWaitMinutes = minutes(longest);
    const alertMinutes = s.waitAlertMinutes ?? null;
    return {
      serviceId, name: s.name, nameEn: s.nameEn, prefix: s.prefix, discreet: s.discreet, waiting: waiting.length, longestWaitMinutes, alertMinutes,
      alert: alertMinutes !== null && waiting.length > 0 && longestWaitMinutes >= alertMinutes, tickets: waiting.slice(0, LISTED).map(item),
    };
  });
  // Tickets handed to this very window from a service it does not serve.
  const handedIn: Ticket[] = [];
  for (const t of state.tickets.values()) if (t.status === 'waiting' && t.targetWindowId === windowId && !def.services.includes(t.serviceId)) handedIn.push(t);
  return { windowId, at: new Date(now).toISOString(), services, handedIn: handedIn.sort((a, b) => a.orderKey - b.orderKey).map(item) };
}

/** The staff member's own day: counts and ratings of the visits they handled today (center business day). */
export function staffToday(state: QueueState, staffId: string) {
  let called = 0, served = 0, noShow = 0, transferred = 0, handlingMs = 0;
  const ratings = Object.fromEntries(RATING_SCORES.map((r) => [r, 0])) as Record<RatingScore, number>;
  for (const t of state.tickets.values()) {
    if (t.day !== state.day) continue;
    transferred += t.transfers.filter((x) => x.byStaffId === staffId).length;
    if (t.staffId !== staffId) continue;
    if (t.firstCalledAt !== undefined) called++;
    if (t.status === 'done') {
      served++;
      if (t.startedAt !== undefined && t.finishedAt !== undefined) handlingMs += t.finishedAt - t.startedAt;
    }
    if (t.status === 'no-show') noShow++;
    if (t.rating) ratings[t.rating]++;
  }
  const rated = RATING_SCORES.reduce((n, r) => n + ratings[r], 0);
  return {
    day: state.day, called, served, noShow, transferred,
    avgHandlingMinutes: served ? Math.round(handlingMs / served / 6_000) / 10 : null,
    ratings, rated, satisfactionRate: rated ? (ratings['very-satisfied'] + ratings.satisfied) / rated : null,
  };
}

/** Staff see only the window they are signed in at; a director may look at any. */
function atWindow(hub: Hub, claims: TokenClaims, windowId: string): void {
  if (!hub.state.windowDefs.has(windowId)) throw new ApiError(404, 'window-not-found', `无此窗口 / no window ${windowId}`);
  if (claims.role === 'staff' && hub.signedInAt(windowId) !== claims.staffId) throw new ApiError(403, 'not-signed-in-here', '您未在此窗口签到 / not signed in at this window');
}

async function currentVisitor(hub: Hub, windowId: string) {
  const state = hub.state;
  const w = state.windows.get(windowId)!;
  const t = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
  if (!t) return null;
  const service = state.services.get(t.serviceId)!;
  let visitor: { nameMasked: string | null; phoneMasked: string | null; idNumberMasked: string | null } | null = null;
  if (t.personalRef) {
    const [record] = await hub.personalRecords([t.personalRef]);
    const data = record ? hub.vault.open(record) : undefined; // undefined: purged
    visitor = data
      ? { nameMasked: data.name ? maskName(data.name) : null, phoneMasked: data.phone ? maskPhone(data.phone) : null, idNumberMasked: data.idNumber ? maskIdNumber(data.idNumber) : null }
      : null;
  }
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    ticketId: t.id, number: t.number, serviceId: t.serviceId, serviceName: service.name, status: t.status, priority: t.priority,
    issuedAt: iso(t.issuedAt), calledAt: iso(t.calledAt), startedAt: iso(t.startedAt), recalls: t.recalls,
    recallsBeforeNoShow: state.rules.recallsBeforeNoShow, timeLimitMinutes: service.timeLimitMinutes,
    transfers: t.transfers.map((x) => ({ at: iso(x.at), fromWindowId: x.fromWindowId, toServiceId: x.toServiceId, toWindowId: x.toWindowId ?? null, note: x.note ?? null })),
    matters: hub.config.services.find((x) => x.id === t.serviceId)?.matters ?? [],
    hasPersonal: t.personalRef !== undefined, visitor,
  };
}

const queueTicket = z.object({ ticketId: z.string(), number: z.string(), priority: z.enum(['normal', 'green']), transferred: z.boolean(), toThisWindow: z.boolean(), waitedMinutes: z.number() });
const queueSchema = z.object({
  windowId: z.string(), at: z.string(),
  services: z.array(z.object({
    serviceId: z.string(), name: z.string(), nameEn: z.string(), prefix: z.string(), discreet: z.boolean(), waiting: z.number(), longestWaitMinutes: z.number(),
    alertMinutes: z.number().nullable(), alert: z.boolean(), tickets: z.array(queueTicket),
  })),
  handedIn: z.array(queueTicket),
});
const todaySchema = z.object({
  day: z.string(), called: z.number(), served: z.number(), noShow: z.number(), transferred: z.number(), avgHandlingMinutes: z.number().nullable(),
  ratings: z.record(z.string(), z.number()), rated: z.number(), satisfactionRate: z.number().nullable(),
});
const currentSchema = z.object({
  ticketId: z.string(), number: z.string(), serviceId: z.string(), serviceName: z.string(), status: z.string(), priority: z.string(),
  issuedAt: z.string().nullable(), calledAt: z.string().nullable(), startedAt: z.string().nullable(), recalls: z.number(), recallsBeforeNoShow: z.number(),
  timeLimitMinutes: z.number(), matters: z.array(z.string()), transfers: z.array(z.object({ at: z.string().nullable(), fromWindowId: z.string(), toServiceId: z.string(), toWindowId: z.string().nullable(), note: z.string().nullable() })),
  hasPersonal: z.boolean(),
  visitor: z.object({ nameMasked: z.string().nullable(), phoneMasked: z.string().nullable(), idNumberMasked: z.string().nullable() }).nullable(),
}).nullable();

const denied = {
  401: { description: 'not signed in', schema: errorSchema },
  403: { description: 'not signed in at this window', schema: errorSchema },
  404: { description: 'no such window', schema: errorSchema },
};

export const consoleRoutes: RouteSpec[] = [
  route({
    method: 'get', path: '/api/v1/console/windows/:id/queue', tag: 'console',
    summary: 'Waiting numbers of the services this window serves, longest wait and alert past the service\'s waitAlertMinutes (staff signed in here, or a director)',
    access: ['staff', 'director'], params: idParam,
    responses: { 200: { description: 'queue', schema: queueSchema }, ...denied },
    handler: ({ hub, params, principal }) => {
      atWindow(hub, requireUser(principal, ['staff', 'director']), params.id);
      return { status: 200, body: windowQueue(hub.state, params.id, hub.clock.now()) };
    },
  }),
  route({
    method: 'get', path: '/api/v1/console/windows/:id/current', tag: 'console',
    summary: 'The ticket now called or served at this window with the visitor masked (null when none); the full identity only through the audited reveal',
    access: ['staff', 'director'], params: idParam,
    responses: { 200: { description: 'current visit or null', schema: currentSchema }, ...denied },
    handler: async ({ hub, params, principal }) => {
      atWindow(hub, requireUser(principal, ['staff', 'director']), params.id);
      return { status: 200, body: await currentVisitor(hub, params.id) };
    },
  }),
  route({
    method: 'get', path: '/api/v1/console/me/today', tag: 'console', summary: 'The signed-in staff member\'s own counts and ratings today',
    access: ['staff', 'director'],
    responses: { 200: { description: 'today', schema: todaySchema }, 401: denied[401] },
    handler: ({ hub, principal }) => ({ status: 200, body: staffToday(hub.state, requireUser(principal, ['staff', 'director']).staffId) }),
  }),
];
