import { z } from 'zod';
import { ApiError, forbiddenRole, unauthorized } from '../api-error.js';
import { kioskOrUser, kioskPrincipal, requireUser } from '../principal.js';
import { route } from '../route-spec.js';
import { errorSchema, idParam, issuedTicketSchema, reprintBody, serviceItem, ticketBody, ticketSchema } from '../schemas.js';

export const queueRoutes = [
  route({
    method: 'get', path: '/api/v1/services', tag: 'queue', summary: 'Services with waiting counts and estimated waits', access: ['public'],
    responses: { 200: { description: 'services', schema: z.array(serviceItem) } },
    handler: ({ hub }) => ({ status: 200, body: hub.services() }),
  }),
  route({
    method: 'post', path: '/api/v1/tickets', tag: 'queue',
    summary: 'Issue a ticket: from a kiosk (X-Kiosk-Key when configured; rate limited per kiosk and address) or from signed-in staff (may issue green)',
    access: ['kiosk', 'staff', 'director', 'admin'],
    body: ticketBody,
    responses: {
      201: { description: 'issued (print: queued | none | failed; the ticket counts either way)', schema: issuedTicketSchema },
      400: { description: 'invalid body or identity token', schema: errorSchema },
      401: { description: 'no kiosk and no staff token', schema: errorSchema },
      403: { description: 'wrong kiosk key, or green without a qualifying identity', schema: errorSchema },
      404: { description: 'unknown service or kiosk', schema: errorSchema },
      409: { description: 'this ID number already holds a waiting ticket for the service', schema: errorSchema },
      429: { description: 'too many tickets from this kiosk or address', schema: errorSchema },
    },
    handler: async ({ hub, body, principal, req }) => {
      let who = principal;
      if (who.kind !== 'user') {
        if (body.kioskId === undefined) throw unauthorized('取号需来自取号机或工作人员 / tickets come from a kiosk or signed-in staff');
        who = kioskPrincipal(hub, body.kioskId, req.header('x-kiosk-key'));
        const now = hub.clock.now();
        const address = req.ip ?? 'unknown';
        const kioskOk = hub.kioskLimiter.take(`kiosk:${body.kioskId}`, now);
        const addressOk = kioskOk && hub.addressLimiter.take(`addr:${address}`, now);
        if (!kioskOk || !addressOk) {
          const retry = Math.max(hub.kioskLimiter.retryAfter(`kiosk:${body.kioskId}`), hub.addressLimiter.retryAfter(`addr:${address}`), 1);
          throw new ApiError(429, 'rate-limited', '取号过于频繁，请稍后再试 / too many tickets, try again shortly', undefined, { 'Retry-After': String(retry) });
        }
      } else if (who.claims.role === 'admin' && body.priority === 'green') {
        // admin is not front-desk staff; keep the audit trail clean
        throw forbiddenRole('绿色通道号票由窗口或前台工作人员发放 / green tickets are issued by staff');
      }
      return { status: 201, body: await hub.issueTicket(body, who) };
    },
  }),
  route({
    method: 'get', path: '/api/v1/tickets/:id', tag: 'queue', summary: 'One ticket (the citizen phone view uses this)', access: ['public'],
    params: idParam,
    responses: { 200: { description: 'the ticket', schema: ticketSchema }, 404: { description: 'no such ticket', schema: errorSchema } },
    handler: async ({ hub, params }) => ({ status: 200, body: await hub.ticket(params.id) }),
  }),
  route({
    method: 'post', path: '/api/v1/tickets/:id/reprint', tag: 'queue',
    summary: 'Print a waiting ticket again at a kiosk (the kiosk itself with its key, or staff); recorded in the ledger',
    access: ['kiosk', 'staff', 'director'],
    params: idParam, body: reprintBody,
    responses: {
      200: { description: 'reprinted (print: queued | none | failed)', schema: issuedTicketSchema },
      401: { description: 'no kiosk key / token', schema: errorSchema },
      404: { description: 'no such ticket or kiosk', schema: errorSchema },
      409: { description: 'the ticket is no longer waiting', schema: errorSchema },
    },
    handler: async ({ hub, params, body, principal, req }) => {
      kioskOrUser(hub, body.kioskId, principal, req.header('x-kiosk-key'));
      const by = principal.kind === 'user' ? requireUser(principal, ['staff', 'director']).staffId : undefined;
      return { status: 200, body: await hub.reprint(params.id, body.kioskId, by) };
    },
  }),
  route({
    method: 'post', path: '/api/v1/tickets/:id/reactivate', tag: 'queue', summary: 'Re-activate a no-show ticket (re-enters behind the next 3 waiting)', access: ['staff', 'director'],
    params: idParam,
    responses: { 200: { description: 'waiting again', schema: ticketSchema }, 404: { description: 'no such ticket', schema: errorSchema }, 409: { description: 'not a no-show of today', schema: errorSchema } },
    handler: async ({ hub, params, principal }) => ({ status: 200, body: await hub.reactivate(params.id, requireUser(principal, ['staff', 'director'])) }),
  }),
  route({
    method: 'post', path: '/api/v1/tickets/:id/cancel', tag: 'queue', summary: 'Cancel a waiting ticket at the citizen\'s request', access: ['staff', 'director'],
    params: idParam,
    responses: { 200: { description: 'cancelled', schema: ticketSchema }, 404: { description: 'no such ticket', schema: errorSchema }, 409: { description: 'not waiting', schema: errorSchema } },
    handler: async ({ hub, params, principal }) => ({ status: 200, body: await hub.cancel(params.id, requireUser(principal, ['staff', 'director'])) }),
  }),
];
