// The director's figures: today's live dashboard and the daily / weekly / monthly / half-yearly
// reports, as JSON for the pages and as CSV / XLSX from the very same Report object.
import { z } from 'zod';
import type { Hub } from '../../hub.js';
import { toCsv } from '../../ledger/csv.js';
import { sheetsToCsvRows, toXlsx, XLSX_CONTENT_TYPE } from '../../ledger/ledger-export.js';
import { dashboard, monthFollowUps } from '../../reports/dashboard.js';
import { warmFacts } from '../../reports/fact-cache.js';
import { defaultPeriod, periodOf, REPORT_KINDS } from '../../reports/periods.js';
import { KIND_LABELS, reportSheets } from '../../reports/report-export.js';
import { buildReport } from '../../reports/report-query.js';
import { reportSource, today } from '../../reports/source.js';
import { ApiError } from '../api-error.js';
import { route } from '../route-spec.js';
import { day, errorSchema } from '../schemas.js';

const director = ['director', 'admin'] as const;

const kindParam = z.object({ kind: z.enum(REPORT_KINDS) });
const reportQuery = z.object({ date: day.optional() });
const reportExportQuery = reportQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

/** The report's day: the given one, or the kind's default (last week for the weekly report); never the future. */
async function report(hub: Hub, kind: (typeof REPORT_KINDS)[number], date: string | undefined) {
  const now = today(hub);
  if (date !== undefined && periodOf(kind, date).fromDay > now) throw new ApiError(400, 'invalid-input', 'date: 报表期间尚未开始 / the period has not begun', 'date');
  return buildReport(reportSource(hub), kind, date ?? defaultPeriod(kind, now).fromDay);
}

export const reportRoutes = [
  route({
    method: 'get', path: '/api/v1/dashboard', tag: 'reports', summary: 'Today, live: waiting per service, longest wait, windows, calls per hour, satisfaction, follow-up rate, devices, alerts', access: [...director],
    responses: { 200: { description: 'the dashboard' } },
    handler: ({ hub }) => {
      const now = hub.clock.now();
      const followUps = monthFollowUps(hub.state, [...hub.state.followUps.values()], now);
      // The director's first stop: have the past year's facts ready before a report is asked for.
      warmFacts(hub.store, now, hub.config.rules.timeZone);
      return { status: 200, body: dashboard(hub.state, now, hub.health().devices, followUps) };
    },
  }),
  route({
    method: 'get', path: '/api/v1/reports/:kind', tag: 'reports', summary: 'A daily, weekly (with the 4-week trend), monthly or half-yearly report containing `date` (default: today; last week for weekly)', access: [...director],
    params: kindParam, query: reportQuery,
    responses: { 200: { description: 'the report' }, 400: { description: 'bad kind or date', schema: errorSchema } },
    handler: async ({ hub, params, query }) => ({ status: 200, body: await report(hub, params.kind, query.date) }),
  }),
  route({
    method: 'get', path: '/api/v1/reports/:kind/export', tag: 'reports', summary: 'The same report as XLSX (one sheet per table) or CSV, Chinese headers', access: [...director],
    params: kindParam, query: reportExportQuery,
    responses: { 200: { description: 'the file' }, 400: { description: 'bad kind, date or format', schema: errorSchema } },
    handler: async ({ hub, params, query }) => {
      const r = await report(hub, params.kind, query.date);
      const sheets = reportSheets(r);
      const name = `report-${params.kind}-${r.period.id}`;
      if (query.format === 'csv') {
        const { headers, rows } = sheetsToCsvRows(sheets);
        return { status: 200, file: { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, content: toCsv(headers, rows) } };
      }
      const content = await toXlsx(sheets, { title: `${hub.config.center.name} ${KIND_LABELS[params.kind]} ${r.period.id}`, creator: hub.config.center.name });
      return { status: 200, file: { contentType: XLSX_CONTENT_TYPE, filename: `${name}.xlsx`, content } };
    },
  }),
];
