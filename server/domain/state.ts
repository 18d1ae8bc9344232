import type { QueueRules, QueueState, ServiceDef, WindowDef } from './types.js';

export const DEFAULT_RULES: QueueRules = {
  timeZone: 'Asia/Shanghai',
  greenCap: 3,
  recallsBeforeNoShow: 2,
  reactivateBehind: 3,
  ratingWindowSeconds: 120,
  greenAge: 70,
  handlingSample: 20,
  defaultHandlingMinutes: 10,
  followUpDays: 3,
  complaintDays: 7,
};

/** A fresh hall: every configured window closed, no tickets. */
export function createState(setup: { rules: QueueRules; services: ServiceDef[]; windows: WindowDef[]; day: string }): QueueState {
  return {
    rules: setup.rules,
    services: new Map(setup.services.map((s) => [s.id, s])),
    windowDefs: new Map(setup.windows.map((w) => [w.id, w])),
    windows: new Map(setup.windows.map((w) => [w.id, { id: w.id, status: 'closed', consecutiveGreen: 0 }])),
    staff: new Map(),
    tickets: new Map(),
    followUps: new Map(),
    complaints: new Map(),
    counters: new Map(),
    handling: new Map(),
    order: 0,
    day: setup.day,
    recentCalls: [],
    revision: 0,
    applied: new Map(),
  };
}
