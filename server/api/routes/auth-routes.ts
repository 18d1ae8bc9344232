import { z } from 'zod';
import { unauthorized } from '../api-error.js';
import { route } from '../route-spec.js';
import { errorSchema, idParam, loginBody, loginReply, passwordBody, staffBody, whereaboutsBody } from '../schemas.js';
import { claimsOf } from '../principal.js';

export const authRoutes = [
  route({
    method: 'post', path: '/api/v1/auth/login', tag: 'auth', summary: 'Sign in; returns a bearer token', access: ['public'],
    body: loginBody,
    responses: { 200: { description: 'signed in', schema: loginReply }, 400: { description: 'invalid body', schema: errorSchema }, 401: { description: 'wrong username or password', schema: errorSchema } },
    handler: async ({ hub, body }) => ({ status: 200, body: await hub.login(body.username, body.password) }),
  }),
  route({
    method: 'post', path: '/api/v1/auth/password', tag: 'auth', summary: 'Change your own password', access: ['staff', 'director', 'admin'],
    body: passwordBody,
    responses: { 204: { description: 'changed' }, 401: { description: 'wrong current password', schema: errorSchema } },
    handler: async ({ hub, body, principal }) => {
      await hub.changePassword(claimsOf(principal), body.current, body.next);
      return { status: 204 };
    },
  }),
  route({
    method: 'get', path: '/api/v1/auth/me', tag: 'auth', summary: 'Who the token belongs to', access: ['staff', 'director', 'admin'],
    responses: { 200: { description: 'the signed-in account', schema: z.object({ username: z.string(), staffId: z.string(), role: z.string(), name: z.string(), windowId: z.string().nullable() }) } },
    handler: ({ hub, principal }) => {
      if (principal.kind !== 'user') throw unauthorized();
      const c = principal.claims;
      return { status: 200, body: { username: c.sub, staffId: c.staffId, role: c.role, name: c.name, windowId: hub.state.staff.get(c.staffId)?.windowId ?? null } };
    },
  }),
  route({
    method: 'post', path: '/api/v1/staff', tag: 'staff', summary: 'Create a staff or director account (admin)', access: ['admin'],
    body: staffBody,
    responses: { 201: { description: 'created', schema: z.object({ staffId: z.string(), username: z.string() }) }, 409: { description: 'username exists', schema: errorSchema } },
    handler: async ({ hub, body, principal }) => {
      const { staffId } = await hub.createAccount(body, claimsOf(principal).staffId);
      return { status: 201, body: { staffId, username: body.username } };
    },
  }),
  route({
    method: 'get', path: '/api/v1/staff', tag: 'staff', summary: 'The staff board (公示): names, titles, numbers, whereabouts', access: ['public'],
    responses: { 200: { description: 'staff cards' } },
    handler: ({ hub }) => ({
      status: 200,
      body: [...hub.state.staff.values()].filter((s) => s.role !== 'admin').map((s) => ({
        id: s.id, name: s.name, title: s.title, titleEn: s.titleEn ?? null, employeeNo: s.employeeNo, photo: s.photo ?? null, role: s.role,
        whereabouts: s.whereabouts, whereaboutsNote: s.whereaboutsNote ?? null, windowId: s.windowId ?? null,
      })),
    }),
  }),
  route({
    method: 'post', path: '/api/v1/staff/:id/whereabouts', tag: 'staff', summary: 'Set whereabouts (去向): own for staff, anyone for director/admin', access: ['staff', 'director', 'admin'],
    params: idParam, body: whereaboutsBody,
    responses: { 204: { description: 'set' }, 403: { description: 'not your own', schema: errorSchema }, 404: { description: 'no such staff', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => {
      await hub.setWhereabouts(params.id, body.whereabouts, body.note, claimsOf(principal));
      return { status: 204 };
    },
  }),
];
