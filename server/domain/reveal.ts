// Audited reveal (查看完整个人信息): who may see a visitor's unmasked name, phone and ID number, and the
// ledger event every reveal leaves behind. Admin may reveal any ticket; window staff only the ticket
// being called or served at the window they are signed in at; nobody without a stated reason.
import { forbidden, invalid } from './errors.js';
import type { EventDraft } from './events.js';
import type { QueueState, Role } from './types.js';

/** A reason shorter than this is not a reason ("看看" is not an answer to an auditor). */
export const REVEAL_REASON_MIN = 4;

export interface RevealCommand {
  type: 'reveal';
  ticketId: string;
  /** The ticket's number, recorded so the audit trail reads without a lookup (old tickets leave memory). */
  number: string;
  by: string;
  role: Role;
  reason: string;
}

export interface RevealEvent {
  type: 'personal.revealed';
  data: { ticketId: string; number: string; by: string; role: Role; reason: string; windowId?: string };
}

/** Throws a 403 refusal unless `by` (with `role`) may see this ticket's personal data now. */
export function checkReveal(state: QueueState, ticketId: string, by: string, role: Role): void {
  if (role === 'admin') return;
  if (role !== 'staff') throw forbidden('reveal-not-allowed', '仅管理员或正在办理的窗口工作人员可查看完整个人信息 / only admin or the serving window staff may reveal personal data');
  const t = state.tickets.get(ticketId);
  const servingHere = t !== undefined && (t.status === 'called' || t.status === 'serving') && t.windowId !== undefined && state.windows.get(t.windowId)?.staffId === by;
  if (!servingHere) {
    throw forbidden('reveal-not-allowed', '只能查看本人签到窗口正在叫号或办理的来访人信息 / staff may reveal only the ticket called or served at their own window');
  }
}

export function decideReveal(state: QueueState, cmd: RevealCommand, now: number): EventDraft[] {
  const reason = cmd.reason.trim();
  if ([...reason].length < REVEAL_REASON_MIN) throw invalid('reason-required', `请填写查看原因（至少 ${REVEAL_REASON_MIN} 个字）/ give a reason of at least ${REVEAL_REASON_MIN} characters`, 'reason');
  checkReveal(state, cmd.ticketId, cmd.by, cmd.role);
  const windowId = state.tickets.get(cmd.ticketId)?.windowId;
  return [{ type: 'personal.revealed', at: now, data: { ticketId: cmd.ticketId, number: cmd.number, by: cmd.by, role: cmd.role, reason, windowId } }];
}
