// Who is called next, and who stands ahead of whom. The order rules, in one place:
//  1. a ticket transferred to this very window (分流交办 to a window) is called first;
//  2. then tickets transferred into one of the window's services (they enter at the front);
//  3. then green-channel tickets before normal ones, each by issue order — except that after
//     `greenCap` consecutive green calls at this window a waiting normal ticket goes next, so
//     normal tickets are never starved.
// A re-activated no-show re-enters behind the next `reactivateBehind` waiting tickets of its class.
import type { QueueState, Ticket, WindowDef } from './types.js';

export function waitingTickets(state: QueueState): Ticket[] {
  const out: Ticket[] = [];
  for (const t of state.tickets.values()) if (t.status === 'waiting') out.push(t);
  return out;
}

const byOrder = (a: Ticket, b: Ticket) => a.orderKey - b.orderKey;

function first(tickets: Ticket[], match: (t: Ticket) => boolean): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of tickets) if (match(t) && (!best || t.orderKey < best.orderKey)) best = t;
  return best;
}

export function pickNext(state: QueueState, windowDef: WindowDef, consecutiveGreen: number): Ticket | undefined {
  const waiting = waitingTickets(state);
  const serves = new Set(windowDef.services);
  const targeted = first(waiting, (t) => t.targetWindowId === windowDef.id);
  if (targeted) return targeted;
  const inMyServices = waiting.filter((t) => t.targetWindowId === undefined && serves.has(t.serviceId));
  const front = first(inMyServices, (t) => t.lane === 'front');
  if (front) return front;
  const green = first(inMyServices, (t) => t.priority === 'green');
  const normal = first(inMyServices, (t) => t.priority === 'normal');
  if (green && (!normal || consecutiveGreen < state.rules.greenCap)) return green;
  return normal;
}

/** Sort key for the display order of one queue: front lane, then green, then normal, each by order. */
function rank(t: Ticket): number {
  return t.lane === 'front' ? 0 : t.priority === 'green' ? 1 : 2;
}

/** People ahead of a waiting ticket in its queue (0 when it is next): a count, no sort, on every issue. */
export function aheadOf(state: QueueState, ticket: Ticket): number {
  const sameQueue = (t: Ticket) =>
    ticket.targetWindowId !== undefined ? t.targetWindowId === ticket.targetWindowId : t.targetWindowId === undefined && t.serviceId === ticket.serviceId;
  const r = rank(ticket);
  let n = 0;
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting' || t.id === ticket.id || !sameQueue(t)) continue;
    const tr = rank(t);
    if (tr < r || (tr === r && t.orderKey < ticket.orderKey)) n++;
  }
  return n;
}

const countsOf = new WeakMap<QueueState, { revision: number; counts: Map<string, number> }>();

/**
 * Waiting tickets per service, counted in one pass over the day's tickets and kept until the next event:
 * every commit asks for them several times (kiosk tiles, hall screens, the dashboard, wait estimates).
 */
export function waitingCounts(state: QueueState): ReadonlyMap<string, number> {
  const kept = countsOf.get(state);
  if (kept?.revision === state.revision) return kept.counts;
  const counts = new Map<string, number>();
  for (const t of state.tickets.values()) if (t.status === 'waiting') counts.set(t.serviceId, (counts.get(t.serviceId) ?? 0) + 1);
  countsOf.set(state, { revision: state.revision, counts });
  return counts;
}

export function waitingCount(state: QueueState, serviceId: string): number {
  return waitingCounts(state).get(serviceId) ?? 0;
}

/** Order key that places a re-activated ticket behind the next `behind` tickets of its class. */
export function reactivationKey(state: QueueState, ticket: Ticket): number {
  const same = waitingTickets(state)
    .filter((t) => t.lane === 'queue' && t.targetWindowId === undefined && t.serviceId === ticket.serviceId && t.priority === ticket.priority)
    .sort(byOrder);
  const behind = state.rules.reactivateBehind;
  if (same.length <= behind) return state.order + 1; // fewer than `behind` waiting: goes last
  const before = same[behind - 1]!.orderKey;
  const after = same[behind]!.orderKey;
  return (before + after) / 2;
}
