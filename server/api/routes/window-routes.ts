import { z } from 'zod';
import type { WindowActionName } from '../../hub.js';
import { ApiError } from '../api-error.js';
import { requireUser } from '../principal.js';
import { route, type RouteSpec } from '../route-spec.js';
import { errorSchema, finishBody, idParam, pauseBody, ratingBody, ratingReply, transferBody, windowActionReply, windowSchema } from '../schemas.js';

const ACTIONS: { name: WindowActionName; summary: string; body?: z.ZodType }[] = [
  { name: 'sign-in', summary: 'Sign in at this window (opens it); A or B post from the configuration' },
  { name: 'sign-out', summary: 'Sign out (closes the window); refused while a ticket is in progress' },
  { name: 'call-next', summary: 'Call the next ticket (200 {ticket}) or 204 when nothing waits' },
  { name: 'recall', summary: 'Call the current ticket again (重呼), counted' },
  { name: 'start', summary: 'The called citizen arrived: start handling' },
  { name: 'finish', summary: 'Finish the visit with the matter (办理事项) and outcome (办理结果)', body: finishBody },
  { name: 'no-show', summary: 'Mark the called ticket as no-show (过号) after the configured recalls' },
  { name: 'transfer', summary: 'Hand the ticket to another service or window (分流交办); it keeps its number and goes to the front', body: transferBody },
  { name: 'pause', summary: 'Pause the window with a reason', body: pauseBody },
  { name: 'resume', summary: 'Resume a paused window' },
];

const nothingWaits: RouteSpec['responses'] = { 204: { description: 'nothing waits' } };

const actionRoute = (a: (typeof ACTIONS)[number]): RouteSpec =>
  route({
    method: 'post', path: `/api/v1/windows/:id/${a.name}`, tag: 'windows', summary: a.summary, access: ['staff', 'director'],
    params: idParam, body: a.body,
    responses: {
      200: { description: 'done', schema: windowActionReply },
      ...(a.name === 'call-next' ? nothingWaits : {}),
      400: { description: 'invalid body', schema: errorSchema },
      403: { description: 'not signed in at this window', schema: errorSchema },
      404: { description: 'no such window', schema: errorSchema },
      409: { description: 'the action does not fit the window\'s state; nothing changed', schema: errorSchema },
    },
    handler: async ({ hub, params, body, principal }) => {
      const claims = requireUser(principal, ['staff', 'director']);
      const result = await hub.windowAction(params.id, a.name, claims.staffId, (body ?? {}) as Record<string, unknown>);
      if (a.name === 'call-next' && !result.ticket) return { status: 204 };
      return { status: 200, body: result };
    },
  });

export const windowRoutes: RouteSpec[] = [
  route({
    method: 'get', path: '/api/v1/windows', tag: 'windows', summary: 'All windows with staff, posts and status', access: ['public'],
    responses: { 200: { description: 'windows', schema: z.array(windowSchema) } },
    handler: ({ hub }) => ({ status: 200, body: [...hub.state.windowDefs.keys()].map((id) => hub.window(id)) }),
  }),
  route({
    method: 'get', path: '/api/v1/windows/:id', tag: 'windows', summary: 'One window', access: ['public'],
    params: idParam,
    responses: { 200: { description: 'window', schema: windowSchema }, 404: { description: 'no such window', schema: errorSchema } },
    handler: ({ hub, params }) => ({ status: 200, body: hub.window(params.id) }),
  }),
  ...ACTIONS.map(actionRoute),
  route({
    method: 'post', path: '/api/v1/windows/:id/rating', tag: 'windows',
    summary: "Rate the window's last finished visit (within the rating window): the window's staff token or its X-Screen-Key",
    access: ['screen', 'staff'],
    params: idParam, body: ratingBody,
    responses: {
      201: { description: 'recorded', schema: ratingReply },
      401: { description: 'no credential', schema: errorSchema },
      403: { description: 'wrong screen key or not this window\'s staff', schema: errorSchema },
      404: { description: 'no such window', schema: errorSchema },
      409: { description: 'nothing awaits a rating; nothing recorded', schema: errorSchema },
    },
    handler: async ({ hub, params, body, principal, req }) => {
      const def = hub.state.windowDefs.get(params.id);
      if (!def) throw new ApiError(404, 'window-not-found', `无此窗口 / no window ${params.id}`);
      const key = req.header('x-screen-key');
      let source: string;
      if (principal.kind === 'user') {
        if (hub.signedInAt(params.id) !== principal.claims.staffId) throw new ApiError(403, 'not-signed-in-here', '您未在此窗口签到 / not signed in at this window');
        source = 'console';
      } else if (key !== undefined || def.screenKey !== undefined) {
        if (key === undefined) throw new ApiError(401, 'screen-key-required', '需要窗口屏密钥 / X-Screen-Key required');
        if (key !== def.screenKey) throw new ApiError(403, 'screen-key-wrong', '窗口屏密钥错误 / wrong screen key');
        source = 'screen';
      } else {
        // A window without a configured screen key: its screen is trusted on the hall network.
        source = 'screen';
      }
      return { status: 201, body: await hub.rate(params.id, body.score, source) };
    },
  }),
];
