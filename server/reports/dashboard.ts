// 今日 (Today, live): the director's view of the hall right now, from the live state (today's tickets
// are all in memory) plus device health and the month's follow-up KPI from the store.
import { businessDay, dayStartMs } from '../domain/business-day.js';
import { factOf, summarize, type StatsRow } from '../domain/stats.js';
import { waitingCount } from '../domain/queue-order.js';
import type { QueueState } from '../domain/types.js';
import { followUpFigures, type FollowUpFigures } from './report-query.js';
import { periodOf } from './periods.js';

/** A wait longer than this is flagged when the service sets no threshold of its own. */
export const DEFAULT_WAIT_ALERT_MINUTES = 30;
/** A window paused longer than this is flagged. */
export const PAUSE_ALERT_MINUTES = 15;

export interface DeviceState {
  id: string;
  kind: string;
  state: string;
  detail?: string;
}

export type Alert =
  | { kind: 'long-wait'; serviceId: string; service: string; number: string; minutes: number; threshold: number }
  | { kind: 'device'; deviceId: string; deviceKind: string; state: string; detail: string | null }
  | { kind: 'paused'; windowId: string; window: string; minutes: number; reason: string | null };

const minutesBetween = (from: number, to: number) => Math.floor((to - from) / 60_000);
const DEVICE_FINE = new Set(['ok', 'simulated']);

function hourOf(ms: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(ms)));
}

export function dashboard(state: QueueState, now: number, devices: DeviceState[], followUps: FollowUpFigures) {
  const tz = state.rules.timeZone;
  const day = businessDay(now, tz);
  const todays = [...state.tickets.values()].filter((t) => t.day === day);
  const totals: StatsRow = summarize(day, todays.map(factOf), (id) => state.services.get(id)?.timeLimitMinutes);
  const waiting = todays.filter((t) => t.status === 'waiting');
  const alerts: Alert[] = [];

  const services = [...state.services.values()].map((s) => {
    const mine = waiting.filter((t) => t.serviceId === s.id);
    const oldest = mine.reduce<(typeof mine)[number] | undefined>((o, t) => (o === undefined || t.issuedAt < o.issuedAt ? t : o), undefined);
    const longest = oldest ? minutesBetween(oldest.issuedAt, now) : null;
    const threshold = s.waitAlertMinutes ?? DEFAULT_WAIT_ALERT_MINUTES;
    if (oldest && longest !== null && longest >= threshold) alerts.push({ kind: 'long-wait', serviceId: s.id, service: s.name, number: oldest.number, minutes: longest, threshold });
    return { id: s.id, name: s.name, nameEn: s.nameEn, waiting: waitingCount(state, s.id), longestWaitMinutes: longest, oldestNumber: oldest?.number ?? null, threshold };
  });

  const windows = [...state.windowDefs.values()].map((def) => {
    const w = state.windows.get(def.id);
    const staff = w?.staffId ? state.staff.get(w.staffId) : undefined;
    const current = w?.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    const pausedMinutes = w?.status === 'paused' && w.pausedAt !== undefined ? minutesBetween(w.pausedAt, now) : null;
    if (pausedMinutes !== null && pausedMinutes >= PAUSE_ALERT_MINUTES) alerts.push({ kind: 'paused', windowId: def.id, window: def.name, minutes: pausedMinutes, reason: w?.pauseReason ?? null });
    return {
      id: def.id, name: def.name, nameEn: def.nameEn ?? null, status: w?.status ?? 'closed', staff: staff?.name ?? null, post: w?.post ?? null,
      pauseReason: w?.pauseReason ?? null, pausedMinutes, current: current ? { number: current.number, status: current.status } : null,
      servedToday: todays.filter((t) => t.windowId === def.id && t.status === 'done').length,
    };
  });

  for (const d of devices) {
    if (!DEVICE_FINE.has(d.state)) alerts.push({ kind: 'device', deviceId: d.id, deviceKind: d.kind, state: d.state, detail: d.detail ?? null });
  }

  const perHour = new Map<number, number>();
  for (const t of todays) if (t.firstCalledAt !== undefined) perHour.set(hourOf(t.firstCalledAt, tz), (perHour.get(hourOf(t.firstCalledAt, tz)) ?? 0) + 1);
  const hours = [...perHour.keys()];
  const first = Math.min(8, ...hours);
  const last = Math.max(17, ...hours);
  const callsPerHour = Array.from({ length: last - first + 1 }, (_, i) => ({ hour: first + i, calls: perHour.get(first + i) ?? 0 }));

  const longest = services.reduce<(typeof services)[number] | undefined>((m, s) => (s.longestWaitMinutes !== null && (m === undefined || s.longestWaitMinutes > (m.longestWaitMinutes ?? -1)) ? s : m), undefined);
  return {
    at: new Date(now).toISOString(),
    day,
    totals,
    waiting: waiting.length,
    longestWait: longest ? { serviceId: longest.id, service: longest.name, number: longest.oldestNumber!, minutes: longest.longestWaitMinutes! } : null,
    services,
    windows,
    callsPerHour,
    followUps,
    devices,
    alerts,
  };
}

export type Dashboard = ReturnType<typeof dashboard>;

/** The follow-up KPI shown on the dashboard: this month's follow-ups. */
export function monthFollowUps(state: QueueState, all: Parameters<typeof followUpFigures>[0], now: number): FollowUpFigures {
  const tz = state.rules.timeZone;
  const month = periodOf('monthly', businessDay(now, tz));
  const next = new Date(`${month.toDay}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return followUpFigures(all, dayStartMs(month.fromDay, tz), dayStartMs(next.toISOString().slice(0, 10), tz), now);
}
