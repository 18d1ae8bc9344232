import { z } from 'zod';
import { businessDay } from '../../domain/business-day.js';
import type { Hub } from '../../hub.js';
import { toCsv } from '../../ledger/csv.js';
import { ledgerCsvColumns } from '../../ledger/ledger-export.js';
import { ApiError } from '../api-error.js';
import { claimsOf, requireUser } from '../principal.js';
import { route } from '../route-spec.js';
import {
  complaintBody, complaintSchema, complaintUpdateBody, errorSchema, exportQuery, followUpBody, followUpQuery, followUpSchema,
  healthSchema, idParam, ledgerQuery, ledgerRowSchema, purgeBody, rangeQuery, statsQuery, statsRowSchema, verifySchema,
} from '../schemas.js';

type Range = z.infer<typeof rangeQuery>;

/** from/to default to today (center time); a reversed range is a 400 naming `from`. */
function visitQuery(hub: Hub, q: Range) {
  const today = businessDay(hub.clock.now(), hub.config.rules.timeZone);
  const fromDay = q.from ?? q.to ?? today;
  const toDay = q.to ?? (fromDay > today ? fromDay : today);
  if (fromDay > toDay) throw new ApiError(400, 'invalid-input', 'from 不能晚于 to / from must not be after to', 'from');
  return { fromDay, toDay, serviceId: q.serviceId, windowId: q.windowId, staffId: q.staffId, rating: q.rating };
}

const director = ['director', 'admin'] as const;

export const ledgerRoutes = [
  route({
    method: 'get', path: '/api/v1/ledger', tag: 'ledger', summary: 'One row per visit (服务台账), personal fields masked', access: [...director],
    query: ledgerQuery,
    responses: { 200: { description: 'visits', schema: z.array(ledgerRowSchema) }, 400: { description: 'bad query', schema: errorSchema } },
    handler: async ({ hub, query }) => ({ status: 200, body: await hub.ledger({ ...visitQuery(hub, query), limit: query.limit, offset: query.offset }) }),
  }),
  route({
    method: 'get', path: '/api/v1/ledger/export', tag: 'ledger', summary: 'The ledger as CSV (UTF-8 with BOM, Chinese headers)', access: [...director],
    query: exportQuery,
    responses: { 200: { description: 'text/csv file' }, 400: { description: 'bad query or unsupported format', schema: errorSchema } },
    handler: async ({ hub, query }) => {
      const q = visitQuery(hub, query);
      if (query.format !== 'csv') throw new ApiError(400, 'format-unsupported', 'xlsx 导出将在报表模块提供 / xlsx export comes with the reporting module', 'format');
      const rows = await hub.ledger(q);
      const tz = hub.config.rules.timeZone;
      const columns = ledgerCsvColumns(tz);
      return {
        status: 200,
        file: { contentType: 'text/csv; charset=utf-8', filename: `ledger-${q.fromDay}-${q.toDay}.csv`, content: toCsv(columns.map((c) => c.header), rows.map((r) => columns.map((c) => c.value(r)))) },
      };
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
    handler: async ({ hub, query }) => ({ status: 200, body: await hub.stats(visitQuery(hub, query), query.by) }),
  }),
  route({
    method: 'get', path: '/api/v1/follow-ups', tag: 'follow-ups', summary: 'Follow-ups (回访) of basic/dissatisfied ratings; staff see their own', access: ['staff', 'director', 'admin'],
    query: followUpQuery,
    responses: { 200: { description: 'items', schema: z.array(followUpSchema) } },
    handler: async ({ hub, query, principal }) => ({ status: 200, body: await hub.followUps(query.status, claimsOf(principal)) }),
  }),
  route({
    method: 'post', path: '/api/v1/follow-ups/:id', tag: 'follow-ups', summary: 'Record the follow-up call and close it', access: ['staff', 'director', 'admin'],
    params: idParam, body: followUpBody,
    responses: { 200: { description: 'closed', schema: followUpSchema }, 404: { description: 'no such follow-up', schema: errorSchema }, 409: { description: 'already closed', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: await hub.closeFollowUp(params.id, body, claimsOf(principal)) }),
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
    handler: ({ hub }) => ({ status: 200, body: hub.health() }),
  }),
];

