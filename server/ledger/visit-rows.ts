// One ledger row per visit (服务台账), with the seeds' columns. Personal fields are the masked forms.
import type { QueueState, Ticket } from '../domain/types.js';
import type { VisitRecord } from './store.js';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function ledgerRow(state: QueueState, v: VisitRecord) {
  const t = v.ticket;
  const staffName = (id: string | undefined) => (id ? state.staff.get(id)?.name ?? id : null);
  return {
    ticketId: t.id,
    number: t.number,
    service: state.services.get(t.serviceId)?.name ?? t.serviceId,
    serviceId: t.serviceId,
    status: t.status,
    priority: t.priority,
    issuedAt: iso(t.issuedAt)!,
    calledAt: iso(t.firstCalledAt),
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
    windowId: t.windowId ?? null,
    staff: staffName(t.staffId),
    staffId: t.staffId ?? null,
    visitorName: v.maskedName,
    phone: v.maskedPhone,
    matter: t.matter ?? null,
    outcome: t.outcome ?? null,
    rating: t.rating ?? null,
    transfers: t.transfers.map((x) => ({
      at: iso(x.at)!,
      by: staffName(x.byStaffId),
      fromWindowId: x.fromWindowId,
      fromService: state.services.get(x.fromServiceId)?.name ?? x.fromServiceId,
      toService: state.services.get(x.toServiceId)?.name ?? x.toServiceId,
      toWindowId: x.toWindowId ?? null,
      note: x.note ?? null,
    })),
  };
}

export type LedgerRow = ReturnType<typeof ledgerRow>;

export const RATING_LABELS: Record<NonNullable<Ticket['rating']>, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
};

export const STATUS_LABELS: Record<Ticket['status'], string> = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  done: '已办结',
  'no-show': '过号',
  cancelled: '已取消',
};
