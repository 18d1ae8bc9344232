// decide(state, command, now) → the events that command causes, or a Refusal. Reads state, never
// changes it: the committer applies the events with `evolve` once they are durable.
import { businessDay } from './business-day.js';
import type { Command, WindowAction } from './commands.js';
import { decideConfig } from './config-change.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import type { EventDraft } from './events.js';
import { decideKioskContent } from './kiosk-content.js';
import { pickNext, reactivationKey } from './queue-order.js';
import { decideReveal } from './reveal.js';
import type { QueueState, Ticket, WindowDef, WindowState } from './types.js';

const DAY_MS = 86_400_000;

export function ticketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export function decide(state: QueueState, cmd: Command, now: number): EventDraft[] {
  switch (cmd.type) {
    case 'issue':
      return issue(state, cmd, now);
    case 'sign-in':
      return signIn(state, cmd.windowId, cmd.staffId, now);
    case 'sign-out':
    case 'call-next':
    case 'recall':
    case 'start':
    case 'no-show':
    case 'resume':
      return windowAction(state, cmd.type, cmd.windowId, cmd.staffId, now);
    case 'finish': {
      const { window, ticket } = currentTicket(state, cmd.windowId, cmd.staffId, ['called', 'serving']);
      return [{ type: 'ticket.finished', at: now, data: { ticketId: ticket.id, windowId: window.id, staffId: cmd.staffId, matter: cmd.matter, outcome: cmd.outcome, rateUntil: now + state.rules.ratingWindowSeconds * 1000 } }];
    }
    case 'transfer':
      return transfer(state, cmd, now);
    case 'pause': {
      const window = staffedWindow(state, cmd.windowId, cmd.staffId);
      if (window.status !== 'open') throw conflict('window-not-open', `窗口未在服务中，无法暂停 / window ${window.id} is ${window.status}`);
      if (window.currentTicketId) throw conflict('ticket-in-progress', '请先办结或处理当前号票 / finish the current ticket first');
      return [{ type: 'window.paused', at: now, data: { windowId: window.id, staffId: cmd.staffId, reason: cmd.reason } }];
    }
    case 'reactivate': {
      const ticket = findTicket(state, cmd.ticketId);
      if (ticket.status !== 'no-show') throw conflict('not-no-show', `号票 ${ticket.number} 不是过号状态 / ticket is ${ticket.status}`);
      if (ticket.day !== businessDay(now, state.rules.timeZone)) throw conflict('ticket-expired', '过号票已过期 / the ticket is from an earlier day');
      return [{ type: 'ticket.reactivated', at: now, data: { ticketId: ticket.id, by: cmd.staffId, orderKey: reactivationKey(state, ticket) } }];
    }
    case 'cancel': {
      const ticket = findTicket(state, cmd.ticketId);
      if (ticket.status !== 'waiting') throw conflict('not-waiting', `只能取消等候中的号票 / ticket is ${ticket.status}`);
      return [{ type: 'ticket.cancelled', at: now, data: { ticketId: ticket.id, reason: 'withdrawn', by: cmd.by } }];
    }
    case 'reprint': {
      const ticket = findTicket(state, cmd.ticketId);
      if (ticket.status !== 'waiting' && ticket.status !== 'called') throw conflict('not-waiting', `号票 ${ticket.number} 已${ticket.status === 'done' ? '办结' : '失效'}，无需补打 / ticket is ${ticket.status}`);
      return [{ type: 'ticket.reprinted', at: now, data: { ticketId: ticket.id, kioskId: cmd.kioskId, by: cmd.by } }];
    }
    case 'rate':
      return rate(state, cmd, now);
    case 'roll-over':
      return rollOver(state, now);
    case 'create-staff': {
      for (const s of state.staff.values()) {
        if (s.username === cmd.username) throw conflict('username-taken', `用户名已存在 / username ${cmd.username} exists`);
      }
      const { type: _t, ...data } = cmd;
      return [{ type: 'staff.created', at: now, data }];
    }
    case 'set-whereabouts': {
      if (!state.staff.has(cmd.staffId)) throw notFound('staff-not-found', `无此工作人员 / no staff ${cmd.staffId}`);
      return [{ type: 'staff.whereabouts', at: now, data: { staffId: cmd.staffId, whereabouts: cmd.whereabouts, note: cmd.note, by: cmd.by } }];
    }
    case 'follow-up-attempt': {
      openFollowUp(state, cmd.followUpId);
      return [{ type: 'follow-up.attempted', at: now, data: { followUpId: cmd.followUpId, by: cmd.by, note: cmd.note } }];
    }
    case 'close-follow-up': {
      openFollowUp(state, cmd.followUpId);
      const { type: _t, ...data } = cmd;
      return [{ type: 'follow-up.closed', at: now, data }];
    }
    case 'register-complaint': {
      if (cmd.windowId !== undefined && !state.windowDefs.has(cmd.windowId)) throw invalid('unknown-window', `无此窗口 / no window ${cmd.windowId}`, 'windowId');
      if (cmd.staffId !== undefined && !state.staff.has(cmd.staffId)) throw invalid('unknown-staff', `无此工作人员 / no staff ${cmd.staffId}`, 'staffId');
      const { type: _t, ...data } = cmd;
      return [{ type: 'complaint.registered', at: now, data: { ...data, dueAt: now + state.rules.complaintDays * DAY_MS } }];
    }
    case 'update-complaint': {
      openComplaint(state, cmd.complaintId);
      const { type: _t, ...data } = cmd;
      return [{ type: 'complaint.updated', at: now, data }];
    }
    case 'assign-complaint': {
      const c = openComplaint(state, cmd.complaintId);
      if (!state.staff.has(cmd.assigneeId)) throw invalid('unknown-staff', `无此工作人员 / no staff ${cmd.assigneeId}`, 'staffId');
      return [{ type: 'complaint.assigned', at: now, data: { complaintId: c.id, assigneeId: cmd.assigneeId, note: cmd.note, by: cmd.by } }];
    }
    case 'complaint-feedback': {
      // Feedback follows the handling: a complaint still untouched has nothing to report back yet.
      const c = state.complaints.get(cmd.complaintId);
      if (!c) throw notFound('complaint-not-found', `无此投诉 / no complaint ${cmd.complaintId}`);
      if (c.status === 'open') throw conflict('complaint-not-handled', '投诉尚未处理，无法反馈 / the complaint has not been handled yet');
      const { type: _t, ...data } = cmd;
      return [{ type: 'complaint.feedback', at: now, data }];
    }
    case 'record-purge':
      return [{ type: 'personal.purged', at: now, data: { before: cmd.before, refs: cmd.refs, by: cmd.by } }];
    case 'change-config':
    case 'update-staff':
      return decideConfig(state, cmd, now);
    case 'change-kiosk-content':
      return decideKioskContent(state, cmd, now);
    case 'reveal':
      return decideReveal(state, cmd, now);
  }
}

function openFollowUp(state: QueueState, followUpId: string) {
  const f = state.followUps.get(followUpId);
  if (!f) throw notFound('follow-up-not-found', `无此回访 / no follow-up ${followUpId}`);
  if (f.status === 'done') throw conflict('follow-up-closed', '该回访已完成 / follow-up already closed');
  return f;
}

function openComplaint(state: QueueState, complaintId: string) {
  const c = state.complaints.get(complaintId);
  if (!c) throw notFound('complaint-not-found', `无此投诉 / no complaint ${complaintId}`);
  if (c.status === 'closed') throw conflict('complaint-closed', '该投诉已办结 / complaint already closed');
  return c;
}

function findTicket(state: QueueState, ticketId: string): Ticket {
  const t = state.tickets.get(ticketId);
  if (!t) throw notFound('ticket-not-found', `无此号票 / no ticket ${ticketId}`);
  return t;
}

function windowOf(state: QueueState, windowId: string): { def: WindowDef; window: WindowState } {
  const def = state.windowDefs.get(windowId);
  const window = state.windows.get(windowId);
  if (!def || !window) throw notFound('window-not-found', `无此窗口 / no window ${windowId}`);
  return { def, window };
}

function staffedWindow(state: QueueState, windowId: string, staffId: string): WindowState {
  const { window } = windowOf(state, windowId);
  if (window.staffId !== staffId) throw forbidden('not-signed-in-here', `您未在 ${windowId} 号窗口签到 / you are not signed in at window ${windowId}`);
  return window;
}

function currentTicket(state: QueueState, windowId: string, staffId: string, allowed: Ticket['status'][]) {
  const window = staffedWindow(state, windowId, staffId);
  const ticket = window.currentTicketId ? state.tickets.get(window.currentTicketId) : undefined;
  if (!ticket) throw conflict('no-current-ticket', '当前没有正在办理的号票 / no ticket at this window');
  if (!allowed.includes(ticket.status)) throw conflict('wrong-ticket-state', `号票 ${ticket.number} 当前状态为 ${ticket.status}，不能执行此操作 / ticket is ${ticket.status}`);
  return { window, ticket };
}

function issue(state: QueueState, cmd: Extract<Command, { type: 'issue' }>, now: number): EventDraft[] {
  const service = state.services.get(cmd.serviceId);
  if (!service) throw notFound('service-not-found', `无此业务 / no service ${cmd.serviceId}`);
  if (cmd.priority === 'green' && cmd.by === undefined && !(cmd.age !== undefined && cmd.age >= state.rules.greenAge)) {
    throw forbidden('green-not-qualified', `绿色通道需刷身份证且年满 ${state.rules.greenAge} 周岁，或由工作人员办理 / green channel needs a qualifying ID card or staff`);
  }
  if (cmd.subjectKey !== undefined) {
    for (const t of state.tickets.values()) {
      if (t.status === 'waiting' && t.serviceId === service.id && t.subjectKey === cmd.subjectKey) {
        throw conflict('already-waiting', `您已有等候中的号票 ${t.number} / this ID already holds waiting ticket ${t.number}`);
      }
    }
  }
  const day = businessDay(now, state.rules.timeZone);
  const seq = (state.counters.get(`${day}|${service.id}`) ?? 0) + 1;
  return [{
    type: 'ticket.issued',
    at: now,
    data: {
      ticketId: cmd.ticketId, serviceId: service.id, number: ticketNumber(service.prefix, seq), day, seq,
      priority: cmd.priority, orderKey: state.order + 1, kioskId: cmd.kioskId, by: cmd.by, personal: cmd.personal,
    },
  }];
}

function signIn(state: QueueState, windowId: string, staffId: string, now: number): EventDraft[] {
  const { def, window } = windowOf(state, windowId);
  const staff = state.staff.get(staffId);
  if (!staff) throw notFound('staff-not-found', `无此工作人员 / no staff ${staffId}`);
  if (window.staffId === staffId) throw conflict('already-signed-in', `您已在 ${def.name} 签到 / already signed in here`);
  if (window.staffId) throw conflict('window-taken', `${def.name} 已有工作人员签到 / another staff member is signed in`);
  if (staff.windowId) throw conflict('signed-in-elsewhere', `您已在 ${staff.windowId} 号窗口签到，请先签退 / sign out of window ${staff.windowId} first`);
  const post = def.posts?.B === staff.username && def.posts?.A !== staff.username ? 'B' : 'A';
  return [{ type: 'window.signed-in', at: now, data: { windowId, staffId, post } }];
}

function windowAction(state: QueueState, action: WindowAction, windowId: string, staffId: string, now: number): EventDraft[] {
  const { def } = windowOf(state, windowId);
  const window = staffedWindow(state, windowId, staffId);
  switch (action) {
    case 'sign-out':
      if (window.currentTicketId) throw conflict('ticket-in-progress', '请先办结或处理当前号票再签退 / finish the current ticket before signing out');
      return [{ type: 'window.signed-out', at: now, data: { windowId, staffId, by: staffId } }];
    case 'call-next': {
      if (window.status === 'paused') throw conflict('window-paused', '窗口暂停中，请先恢复 / the window is paused');
      if (window.currentTicketId) throw conflict('ticket-in-progress', '请先办结或处理当前号票 / finish the current ticket first');
      const next = pickNext(state, def, window.consecutiveGreen);
      return next ? [{ type: 'ticket.called', at: now, data: { ticketId: next.id, windowId, staffId } }] : [];
    }
    case 'recall': {
      const { ticket } = currentTicket(state, windowId, staffId, ['called']);
      return [{ type: 'ticket.recalled', at: now, data: { ticketId: ticket.id, windowId, staffId, recalls: ticket.recalls + 1 } }];
    }
    case 'start': {
      const { ticket } = currentTicket(state, windowId, staffId, ['called']);
      return [{ type: 'ticket.started', at: now, data: { ticketId: ticket.id, windowId, staffId } }];
    }
    case 'no-show': {
      const { ticket } = currentTicket(state, windowId, staffId, ['called']);
      const needed = state.rules.recallsBeforeNoShow;
      if (ticket.recalls < needed) throw conflict('recall-first', `请先重呼 ${needed - ticket.recalls} 次再标记过号 / recall ${needed - ticket.recalls} more time(s) first`);
      return [{ type: 'ticket.no-show', at: now, data: { ticketId: ticket.id, windowId, staffId } }];
    }
    case 'resume':
      if (window.status !== 'paused') throw conflict('window-not-paused', '窗口未暂停 / the window is not paused');
      return [{ type: 'window.resumed', at: now, data: { windowId, staffId } }];
  }
}

function transfer(state: QueueState, cmd: Extract<Command, { type: 'transfer' }>, now: number): EventDraft[] {
  if ((cmd.toServiceId === undefined) === (cmd.toWindowId === undefined)) {
    throw invalid('transfer-target', '请指定转往的业务或窗口（二选一）/ give exactly one of toServiceId or toWindowId', 'toServiceId');
  }
  const { window, ticket } = currentTicket(state, cmd.windowId, cmd.staffId, ['called', 'serving']);
  let toServiceId = ticket.serviceId;
  if (cmd.toServiceId !== undefined) {
    if (!state.services.has(cmd.toServiceId)) throw notFound('service-not-found', `无此业务 / no service ${cmd.toServiceId}`);
    toServiceId = cmd.toServiceId;
  }
  if (cmd.toWindowId !== undefined) {
    windowOf(state, cmd.toWindowId);
    if (cmd.toWindowId === window.id) throw conflict('same-window', '不能转给本窗口 / cannot transfer to the same window');
  }
  return [{
    type: 'ticket.transferred',
    at: now,
    data: {
      ticketId: ticket.id, by: cmd.staffId, fromServiceId: ticket.serviceId, fromWindowId: window.id,
      toServiceId, toWindowId: cmd.toWindowId, note: cmd.note, orderKey: state.order + 1,
    },
  }];
}

function rate(state: QueueState, cmd: Extract<Command, { type: 'rate' }>, now: number): EventDraft[] {
  const { window } = windowOf(state, cmd.windowId);
  const ticket = window.lastFinishedTicketId ? state.tickets.get(window.lastFinishedTicketId) : undefined;
  if (!ticket || ticket.rating !== undefined || ticket.rateUntil === undefined || now > ticket.rateUntil) {
    throw conflict('nothing-to-rate', '当前没有待评价的服务 / no finished visit awaits a rating at this window');
  }
  const events: EventDraft[] = [{ type: 'ticket.rated', at: now, data: { ticketId: ticket.id, windowId: window.id, staffId: ticket.staffId, score: cmd.score, source: cmd.source } }];
  if (cmd.score === 'basic' || cmd.score === 'dissatisfied') {
    events.push({ type: 'follow-up.opened', at: now, data: { followUpId: cmd.followUpId, ticketId: ticket.id, dueAt: now + state.rules.followUpDays * DAY_MS } });
  }
  return events;
}

/** At a new business day, tickets still waiting (or called and never started) from earlier days expire. */
function rollOver(state: QueueState, now: number): EventDraft[] {
  const today = businessDay(now, state.rules.timeZone);
  const events: EventDraft[] = [];
  for (const t of state.tickets.values()) {
    if (t.day < today && (t.status === 'waiting' || t.status === 'called')) {
      events.push({ type: 'ticket.cancelled', at: now, data: { ticketId: t.id, reason: 'expired' } });
    }
  }
  return events;
}
