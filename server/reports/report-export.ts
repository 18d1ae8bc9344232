// A report as tables with Chinese headers, for CSV and XLSX. Reads the same Report object the page shows.
import type { StatsRow } from '../domain/stats.js';
import type { Sheet } from '../ledger/ledger-export.js';
import type { LabeledRow, Report } from './report-query.js';

export const KIND_LABELS: Record<Report['period']['kind'], string> = { daily: '日报', weekly: '周报', monthly: '月报', 'half-yearly': '半年报' };

const STATS_HEADERS = ['取号', '办结', '过号', '取消', '转移', '平均等候(分钟)', 'P90等候(分钟)', '平均办理(分钟)', 'P90办理(分钟)', '超时限办结', '非常满意', '满意', '基本满意', '不满意', '评价数', '满意率'];

function statsCells(r: StatsRow): (string | number | null)[] {
  return [
    r.issued, r.served, r.noShow, r.cancelled, r.transfers, r.avgWaitMinutes, r.p90WaitMinutes, r.avgHandlingMinutes, r.p90HandlingMinutes,
    r.overTimeLimit, r.ratings['very-satisfied'], r.ratings.satisfied, r.ratings.basic, r.ratings.dissatisfied, r.rated, r.satisfactionRate,
  ];
}

function statsSheet(name: string, groupHeader: string, rows: LabeledRow[]): Sheet {
  return { name, headers: [groupHeader, ...STATS_HEADERS], rows: rows.map((r) => [r.label, ...statsCells(r)]), rateColumns: [STATS_HEADERS.length] };
}

export function reportSheets(report: Report): Sheet[] {
  const { period, totals, followUps: f, complaints: c } = report;
  const summary: Sheet = {
    name: '汇总',
    headers: ['指标', '数值'],
    rows: [
      ['报表', KIND_LABELS[period.kind]],
      ['统计期间', `${period.fromDay} 至 ${period.toDay}`],
      ...STATS_HEADERS.map((h, i) => [h, statsCells(totals)[i] ?? null] as (string | number | null)[]),
      ['应回访', f.opened], ['已回访', f.done], ['按期回访', f.onTime], ['逾期未回访', f.overdue], ['回访率', f.rate],
      ['投诉登记', c.registered], ['投诉办结', c.closed], ['按期办结', c.closedOnTime], ['投诉逾期', c.overdue],
    ],
  };
  // The value column mixes counts and shares: shares are written as text percentages here.
  summary.rows = summary.rows.map((r) => (r[0] === '满意率' || r[0] === '回访率' ? [r[0], typeof r[1] === 'number' ? `${Math.round(r[1] * 10_000) / 100}%` : ''] : r));
  const sheets = [
    summary,
    statsSheet('按窗口', '窗口', report.byWindow),
    statsSheet('按业务', '业务', report.byService),
    statsSheet('按人员', '接待人员', report.byStaff),
    statsSheet('按日', '日期', report.byDay),
  ];
  if (report.trend) {
    sheets.push({
      name: '近5周趋势',
      headers: ['周', '起', '止', '取号', '办结', '平均等候(分钟)', '满意率'],
      rows: report.trend.map((w) => [w.id, w.fromDay, w.toDay, w.totals.issued, w.totals.served, w.totals.avgWaitMinutes, w.totals.satisfactionRate]),
      rateColumns: [6],
    });
  }
  if (report.demand) {
    sheets.push({
      name: '需求研判',
      headers: ['业务', '本周取号', '前4周周均', '变化'],
      rows: report.demand.map((d) => [d.label, d.issued, d.baseline, d.change]),
      rateColumns: [3],
    });
  }
  return sheets;
}
