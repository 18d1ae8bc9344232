// Audited reveal of personal data and the audit trail (reveals; configuration, staff and purge changes).
import { z } from 'zod';
import { changeLog, auditRange, revealLog } from '../../config-admin/audit-trail.js';
import { revealTicket } from '../../config-admin/reveal.js';
import { REVEAL_REASON_MIN } from '../../domain/reveal.js';
import { ApiError } from '../api-error.js';
import { requireUser } from '../principal.js';
import { route, type RouteSpec } from '../route-spec.js';
import { day, errorSchema, idParam } from '../schemas.js';

const revealBody = z.object({
  reason: z.string().trim().min(REVEAL_REASON_MIN, `must be at least ${REVEAL_REASON_MIN} characters (why you need the full data)`).max(200),
});
const revealReply = z.object({ ticketId: z.string(), number: z.string(), name: z.string().nullable(), phone: z.string().nullable(), idNumber: z.string().nullable() });
const auditQuery = z.object({ from: day.optional(), to: day.optional() });

const revealRow = z.object({
  seq: z.number(), at: z.string(), ticketId: z.string(), number: z.string(), byId: z.string(), by: z.string(),
  role: z.string(), reason: z.string(), windowId: z.string().nullable(),
});
const changeRow = z.object({
  seq: z.number(), at: z.string(), type: z.string(), byId: z.string(), by: z.string(), source: z.string().nullable(), configHash: z.string().nullable(),
  /** kiosk-content.changed: guides, qa or commitments. */
  kind: z.string().nullable(),
  staffId: z.string().nullable(), before: z.string().nullable(), purged: z.number().nullable(),
  changes: z.array(z.object({ section: z.string(), id: z.string().optional(), action: z.enum(['added', 'removed', 'updated']), fields: z.array(z.string()).optional() })),
});

function range(hub: Parameters<typeof auditRange>[0], q: z.infer<typeof auditQuery>) {
  const r = auditRange(hub, q.from, q.to);
  if (r.fromDay > r.toDay) throw new ApiError(400, 'invalid-input', 'from 不能晚于 to / from must not be after to', 'from');
  return r;
}

export const auditRoutes: RouteSpec[] = [
  route({
    method: 'post', path: '/api/v1/tickets/:id/reveal', tag: 'audit',
    summary: "Unmasked name, phone and ID number of a ticket's visitor, with a reason; admin any ticket, staff the ticket called or served at their window; every reveal is a ledger event",
    access: ['staff', 'admin'],
    params: idParam, body: revealBody,
    responses: {
      200: { description: 'the personal data', schema: revealReply },
      400: { description: 'no reason, or too short', schema: errorSchema },
      403: { description: 'not admin, and not the staff serving this ticket', schema: errorSchema },
      404: { description: 'no such ticket, or no personal data recorded', schema: errorSchema },
      410: { description: 'purged after the retention period', schema: errorSchema },
    },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: await revealTicket(hub, params.id, body.reason, requireUser(principal, ['staff', 'admin'])) }),
  }),
  route({
    method: 'get', path: '/api/v1/audit/reveals', tag: 'audit', summary: 'Every reveal of personal data (who, when, which ticket, why), newest first; default the last 30 days',
    access: ['director', 'admin'],
    query: auditQuery,
    responses: { 200: { description: 'reveals', schema: z.array(revealRow) }, 400: { description: 'bad range', schema: errorSchema } },
    handler: async ({ hub, query }) => ({ status: 200, body: await revealLog(hub, range(hub, query)) }),
  }),
  route({
    method: 'get', path: '/api/v1/audit/changes', tag: 'audit',
    summary: 'Administrative changes: configuration and kiosk content (who changed what), staff accounts and records, personal-data purges; newest first, default the last 30 days',
    access: ['director', 'admin'],
    query: auditQuery,
    responses: { 200: { description: 'changes', schema: z.array(changeRow) }, 400: { description: 'bad range', schema: errorSchema } },
    handler: async ({ hub, query }) => ({ status: 200, body: await changeLog(hub, range(hub, query)) }),
  }),
];
