// The ledger's export columns: Chinese headers as the seeds' 服务台账, one definition for every format.
import type { LedgerRow } from './visit-rows.js';
import { RATING_LABELS, STATUS_LABELS } from './visit-rows.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:mm:ss" in the center's zone. */
export function formatLocal(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

export interface LedgerColumn {
  header: string;
  value: (r: LedgerRow) => string | number | null;
}

export function ledgerCsvColumns(timeZone: string): LedgerColumn[] {
  const t = (iso: string | null) => formatLocal(iso, timeZone);
  return [
    { header: '号票', value: (r) => r.number },
    { header: '业务', value: (r) => r.service },
    { header: '来访人姓名', value: (r) => r.visitorName },
    { header: '联系方式', value: (r) => r.phone },
    { header: '来访时间', value: (r) => t(r.issuedAt) },
    { header: '叫号时间', value: (r) => t(r.calledAt) },
    { header: '开始办理', value: (r) => t(r.startedAt) },
    { header: '办结时间', value: (r) => t(r.finishedAt) },
    { header: '窗口', value: (r) => r.windowId },
    { header: '接待人员', value: (r) => r.staff },
    { header: '办理事项', value: (r) => r.matter },
    { header: '办理过程及结果', value: (r) => r.outcome },
    { header: '满意度评价', value: (r) => (r.rating ? RATING_LABELS[r.rating as keyof typeof RATING_LABELS] : '') },
    { header: '状态', value: (r) => STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status },
    { header: '转移记录', value: (r) => r.transfers.map((x) => `${t(x.at)} ${x.by ?? ''} ${x.fromWindowId}号窗口→${x.toWindowId ? `${x.toWindowId}号窗口` : x.toService}${x.note ? `（${x.note}）` : ''}`).join('；') },
    { header: '票号ID', value: (r) => r.ticketId },
  ];
}
