import type { Response } from 'express';
import { z } from 'zod';
import { addDays, businessDay } from '../../domain/business-day.js';
import { cityLinkHealth } from '../../central/site-link.js';
import type { Hub } from '../../hub.js';
import { ledgerSheet, writeCsv, writeXlsx, XLSX_CONTENT_TYPE } from '../../ledger/ledger-export.js';
import { statsRows } from '../../reports/report-query.js';
import { reportSource } from '../../reports/source.js';
import { ApiError } from '../api-error.js';
import { claimsOf, requireUser } from '../principal.js';
import { route } from '../route-spec.js';
import {
  complaintBody, complaintSchema, complaintUpdateBody, errorSchema, exportQuery, followUpBody, followUpQuery, followUpSchema,
  healthSchema, idParam, ledgerQuery, ledgerRowSchema, purgeBody, rangeQuery, statsQuery, statsRowSchema, verifySchema,
} from '../schemas.js';

/** Full-text filter over the matter (办理事项) and the outcome (办理过程及结果). */
const textFilter = { q: z.string().trim().max(100).optional() };
const browseQuery = ledgerQuery.extend({ ...textFilter, order: z.enum(['oldest', 'newest']).default('oldest') });
const ledgerExportQuery = exportQuery.extend(textFilter);

type Range = z.infer<typeof rangeQuery> & { q?: string };

/** from/to default to today (center time); a reversed range is a 400 naming `from`. */
function visitQuery(hub: Hub, q: Range) {
  const today = businessDay(hub.clock.now(), hub.config.rules.timeZone);
  const fromDay = q.from ?? q.to ?? today;
  const toDay = q.to ?? (fromDay > today ? fromDay : today);
  if (fromDay > toDay) throw new ApiError(400, 'invalid-input', 'from 不能晚于 to / from must not be after to', 'from');
  return { fromDay, toDay, serviceId: q.serviceId, windowId: q.windowId, staffId: q.staffId, rating: q.rating, text: q.q || undefined };
}

const director = ['director', 'admin'] as const;

/**
 * Answers 200 with a file written by `write` as it goes. The headers are sent then: a failure later can
 * only cut the download short (the client sees a broken file), never answer twice.
 */
async function streamDownload(res: Response, filename: string, contentType: string, write: (out: Response) => Promise<void>): Promise<void> {
  res.status(200).setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  await write(res).catch((err: unknown) => {
    if (!res.destroyed) console.error('yichuang: ledger export failed', err);
    res.destroy();
  });
}

const followUpView = followUpSchema.extend({ attempts: z.array(z.object({ at: z.string(), by: z.string(), note: z.string() })) });
const followUpAttemptBody = z.object({ note: z.string().trim().min(1, 'must not be empty').max(2000) });
const complaintAssignBody = z.object({ staffId: z.string().min(1).max(64), note: z.string().trim().max(500).optional() });
const complaintFeedbackBody = z.object({
  channel: z.enum(['phone', 'sms', 'letter', 'in-person', 'online']),
  note: z.string().trim().min(1, 'must not be empty').max(2000),
  satisfied: z.boolean().optional(),
});

export const ledgerRoutes = [
  route({
    method: 'get', path: '/api/v1/ledger', tag: 'ledger', summary: 'One row per visit (服务台账), personal fields masked; `q` searches matter and outcome, `order=newest` lists the latest first; the match count is in `X-Total-Count`', access: [...director],
    query: browseQuery,
    responses: { 200: { description: 'visits', schema: z.array(ledgerRowSchema) }, 400: { description: 'bad query', schema: errorSchema } },
    handler: async ({ hub, query, res }) => {
      const q = visitQuery(hub, query);
      const [rows, total] = await Promise.all([hub.ledger({ ...q, limit: query.limit, offset: query.offset, newestFirst: query.order === 'newest' }), hub.store.countVisits(q)]);
      res.setHeader('X-Total-Count', String(total));
      return { status: 200, body: rows };
    },
  }),
  route({
    method: 'get', path: '/api/v1/ledger/export', tag: 'ledger', summary: 'The ledger as CSV (UTF-8 with BOM) or XLSX, Chinese headers, same filters as the ledger; any range, streamed one business day at a time', access: [...director],
    query: ledgerExportQuery,
    responses: { 200: { description: 'text/csv or .xlsx file, streamed (a failure after the headers cuts the file short)' }, 400: { description: 'bad query or format', schema: errorSchema } },
    handler: async ({ hub, query, res }) => {
      const q = visitQuery(hub, query);
      const tz = hub.config.rules.timeZone;
      const name = `ledger-${q.fromDay}-${q.toDay}`;
      const head = ledgerSheet([], tz);
      // One business day at a time, so a year's ledger never sits in memory at once.
      async function* days() {
        for (let day = q.fromDay; day <= q.toDay; day = addDays(day, 1)) yield ledgerSheet(await hub.ledger({ ...q, fromDay: day, toDay: day }), tz).rows;
      }
      if (query.format === 'xlsx') {
        const meta = { title: `${hub.config.center.name} 服务台账 ${q.fromDay}–${q.toDay}`, creator: hub.config.center.name };
        await streamDownload(res, `${name}.xlsx`, XLSX_CONTENT_TYPE, (out) => writeXlsx(out, head, days(), meta));
      } else {
        await streamDownload(res, `${name}.csv`, 'text/csv; charset=utf-8', (out) => writeCsv(out, head.headers, days()));
      }
      return { status: 200 };
    },
  }),
  route({
    method: 'get', path: '/api/v1/ledger/verify', tag: 'ledger', summary: 'Recompute the hash chain; reports the first bad event', access: [...director],
    responses: { 200: { description: 'result', schema: verifySchema } },
    handler: async ({ hub }) => ({ status: 200, body: await hub.verify() }),
  }),
  route({
    method: 'get', path: '/api/v1/stats', tag: 'ledger', summary: 'Issued, served, no-show, waits, handling, ratings, satisfaction by service|window|staff|day', access: [...director],
    query: statsQuery,
    responses: { 200: { description: 'rows', schema: z.array(statsRowSchema) }, 400: { description: 'bad query', schema: errorSchema } },
    handler: async ({ hub, query }) => ({ status: 200, body: await statsRows(reportSource(hub), visitQuery(hub, query), query.by) }),
  }),
  route({
    method: 'get', path: '/api/v1/follow-ups', tag: 'follow-ups', summary: 'Follow-ups (回访) of basic/dissatisfied ratings; staff see their own', access: ['staff', 'director', 'admin'],
    query: followUpQuery,
    responses: { 200: { description: 'items', schema: z.array(followUpView) } },
    handler: async ({ hub, query, principal }) => ({ status: 200, body: await hub.followUps(query.status, claimsOf(principal)) }),
  }),
  route({
    method: 'post', path: '/api/v1/follow-ups/:id', tag: 'follow-ups', summary: 'Record the follow-up call and close it', access: ['staff', 'director', 'admin'],
    params: idParam, body: followUpBody,
    responses: { 200: { description: 'closed', schema: followUpSchema }, 404: { description: 'no such follow-up', schema: errorSchema }, 409: { description: 'already closed', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: await hub.closeFollowUp(params.id, body, claimsOf(principal)) }),
  }),
  route({
    method: 'post', path: '/api/v1/follow-ups/:id/attempts', tag: 'follow-ups', summary: 'Record a follow-up call that did not reach the citizen or did not settle it yet; the follow-up stays open', access: ['staff', 'director', 'admin'],
    params: idParam, body: followUpAttemptBody,
    responses: { 200: { description: 'recorded', schema: followUpView }, 403: { description: 'not your own (staff)', schema: errorSchema }, 404: { description: 'no such follow-up', schema: errorSchema }, 409: { description: 'already closed', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: await hub.followUpAttempt(params.id, body, claimsOf(principal)) }),
  }),
  route({
    method: 'get', path: '/api/v1/complaints', tag: 'complaints', summary: 'Complaints (投诉) with due dates and overdue flags', access: [...director],
    responses: { 200: { description: 'complaints', schema: z.array(complaintSchema) } },
    handler: async ({ hub }) => ({ status: 200, body: await hub.complaints() }),
  }),
  route({
    method: 'post', path: '/api/v1/complaints', tag: 'complaints', summary: 'Register a complaint; due date from the configured limit', access: ['staff', ...director],
    body: complaintBody,
    responses: { 201: { description: 'registered', schema: complaintSchema }, 400: { description: 'invalid', schema: errorSchema } },
    handler: async ({ hub, body, principal }) => ({ status: 201, body: await hub.registerComplaint(body, claimsOf(principal)) }),
  }),
  route({
    method: 'post', path: '/api/v1/complaints/:id', tag: 'complaints', summary: 'Handle a complaint: status and reply to the complainant', access: [...director],
    params: idParam, body: complaintUpdateBody,
    responses: { 200: { description: 'updated', schema: complaintSchema }, 404: { description: 'no such complaint', schema: errorSchema }, 409: { description: 'already closed', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: await hub.updateComplaint(params.id, body, claimsOf(principal)) }),
  }),
  route({
    method: 'post', path: '/api/v1/complaints/:id/assign', tag: 'complaints', summary: 'Assign a complaint to a staff member to handle (交办)', access: [...director],
    params: idParam, body: complaintAssignBody,
    responses: { 200: { description: 'assigned', schema: complaintSchema }, 400: { description: 'unknown staff', schema: errorSchema }, 404: { description: 'no such complaint', schema: errorSchema }, 409: { description: 'already closed', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: await hub.assignComplaint(params.id, body, claimsOf(principal)) }),
  }),
  route({
    method: 'post', path: '/api/v1/complaints/:id/feedback', tag: 'complaints', summary: 'Record the feedback given to the complainant (反馈): channel, what was said, accepted or not', access: [...director],
    params: idParam, body: complaintFeedbackBody,
    responses: { 200: { description: 'recorded', schema: complaintSchema }, 404: { description: 'no such complaint', schema: errorSchema }, 409: { description: 'not handled yet', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: await hub.complaintFeedback(params.id, body, claimsOf(principal)) }),
  }),
  route({
    method: 'post', path: '/api/v1/ledger/purge', tag: 'ledger', summary: 'Erase personal data of visits before a day; the ledger still verifies', access: ['admin'],
    body: purgeBody,
    responses: { 200: { description: 'purged', schema: z.object({ before: z.string(), purged: z.number() }) }, 400: { description: 'bad day', schema: errorSchema } },
    handler: async ({ hub, body, principal }) => {
      const claims = requireUser(principal, ['admin']);
      if (body.before > businessDay(hub.clock.now(), hub.config.rules.timeZone)) throw new ApiError(400, 'invalid-input', '不能清除未来日期 / before must not be in the future', 'before');
      return { status: 200, body: await hub.purge(body.before, claims) };
    },
  }),
  route({
    method: 'get', path: '/api/v1/health', tag: 'system', summary: 'Hub, ledger and device health', access: ['public'],
    responses: { 200: { description: 'health', schema: healthSchema } },
    handler: ({ hub }) => ({ status: 200, body: { ...hub.health(), ...cityLinkHealth(hub) } }),
  }),
];

