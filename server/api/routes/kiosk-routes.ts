// The kiosk's 触摸查询 and set-up: public reads of the editable content, the service network and the
// staff board; admin-only replacement of the content (a ledger event per edit, in force on every hub);
// the kiosk's own set-up and exit PIN check.
import { z } from 'zod';
import { RateLimiter } from '../../auth/rate-limiter.js';
import { CONTENT_SCHEMAS, type ContentKind, type guidesSchema } from '../../kiosk-content/content-schema.js';
import { kioskContentOf } from '../../kiosk-content/content-in-force.js';
import { KIOSK_CONTENT_KINDS } from '../../domain/kiosk-content.js';
import { serviceNetwork, staffBoard } from '../../kiosk-content/public-boards.js';
import type { Hub } from '../../hub.js';
import { ApiError } from '../api-error.js';
import { claimsOf, kioskPrincipal } from '../principal.js';
import { ifMatch } from '../if-match.js';
import { route, type RouteSpec } from '../route-spec.js';
import { errorSchema } from '../schemas.js';

const kioskParam = z.object({ id: z.string().min(1).max(40) });
const nullable = z.string().nullable();
const staffBoardSchema = z.array(z.object({
  id: z.string(), name: z.string(), nameLatin: z.string(), title: z.string(), titleEn: nullable, employeeNo: z.string(), photo: nullable, role: z.enum(['staff', 'director']),
  whereabouts: z.enum(['on-duty', 'away', 'out', 'leave']), whereaboutsNote: nullable, windowId: nullable, windowName: nullable, windowNameEn: nullable,
}));
const networkPoint = z.object({
  id: z.string(), level: z.enum(['center', 'station', 'room']), name: z.string(), nameEn: nullable, area: nullable, areaEn: nullable,
  address: nullable, addressEn: nullable, phone: z.string(), hours: nullable, hoursEn: nullable,
});
const setupSchema = z.object({
  kioskId: z.string(), kioskName: nullable, idleSeconds: z.number(), greenAge: z.number(), exitPinSet: z.boolean(),
  /** Where citizens' phones reach the hub (the ticket QR); null: the address the kiosk itself uses. */
  publicUrl: nullable,
  center: z.object({ name: z.string(), nameEn: nullable, hotline: z.string(), address: nullable, phone: nullable }),
  /** English texts of the services beyond the contract's service list. */
  servicesEn: z.record(z.string(), z.object({ materialsEn: z.array(z.string()).nullable(), hoursEn: nullable, descriptionEn: nullable })),
});

// Four tries a minute per kiosk, then 429: a passer-by cannot try PINs at leisure.
const pinAttempts = new RateLimiter(4, 4);

const SUMMARY: Record<ContentKind, [string, string]> = {
  guides: ['guides', 'per-service guides (办事指南): audience, steps, time limit, fees; materials come from the service configuration'],
  qa: ['qa', 'the legal-knowledge Q&A library (categories and items)'],
  commitments: ['commitments', 'the service commitments (服务承诺)'],
};

const changeSchema = z.object({ section: z.string(), id: z.string().optional(), action: z.enum(['added', 'removed', 'updated']), fields: z.array(z.string()).optional() });

function contentRoutes(kind: ContentKind): RouteSpec[] {
  const [path, what] = SUMMARY[kind];
  const schema = CONTENT_SCHEMAS[kind] as z.ZodType;
  return [
    route({
      method: 'get', path: `/api/v1/kiosk/${path}`, tag: 'kiosk', summary: `Kiosk content: ${what}`, access: ['public'],
      responses: { 200: { description: 'the content in force', schema } },
      handler: async ({ hub }) => ({ status: 200, body: (await kioskContentOf(hub).read(kind)).content }),
    }),
    route({
      method: 'put', path: `/api/v1/kiosk/${path}`, tag: 'kiosk',
      summary: `Replace ${what} (admin; If-Match: the contentHash loaded); zh-CN and English texts are both required; recorded as a kiosk-content.changed ledger event`,
      access: ['admin'],
      body: schema,
      responses: {
        200: { description: 'in force on every hub at once (changes: what changed; empty when nothing did, and nothing is recorded)', schema: z.object({ content: schema, contentHash: z.string(), changes: z.array(changeSchema) }) },
        400: { description: 'invalid content, naming the field', schema: errorSchema },
        403: { description: 'not an admin', schema: errorSchema },
        409: { description: 'someone saved meanwhile (If-Match no longer the content in force); nothing changed', schema: errorSchema },
      },
      handler: async ({ hub, body, principal, req }) => {
        if (kind === 'guides') checkGuideServices(hub, body as z.output<typeof guidesSchema>);
        return { status: 200, body: await kioskContentOf(hub).edit(kind, body as never, claimsOf(principal).staffId, ifMatch(req)) };
      },
    }),
  ];
}

const contentState = z.object({ content: z.unknown(), contentHash: z.string(), changedAt: z.string().nullable(), changedBy: z.string().nullable() });

/** The admin's view: every kind with its hash (sent back as If-Match) and who changed it last. */
const contentOverview = route({
  method: 'get', path: '/api/v1/kiosk/content', tag: 'kiosk',
  summary: 'The kiosk content in force for the admin: guides, qa and commitments, each with its contentHash (send it back as If-Match) and its last change',
  access: ['director', 'admin'],
  responses: { 200: { description: 'per kind', schema: z.object({ guides: contentState, qa: contentState, commitments: contentState }) } },
  handler: async ({ hub }) => {
    const content = kioskContentOf(hub);
    const entries = await Promise.all(KIOSK_CONTENT_KINDS.map(async (kind) => {
      const c = await content.read(kind);
      return [kind, {
        content: c.content, contentHash: c.contentHash, changedAt: c.changedAt === null ? null : new Date(c.changedAt).toISOString(),
        changedBy: c.by === null ? null : hub.state.staff.get(c.by)?.name ?? c.by,
      }] as const;
    }));
    return { status: 200, body: Object.fromEntries(entries) };
  },
});

function checkGuideServices(hub: Hub, guides: z.output<typeof guidesSchema>): void {
  const seen = new Set<string>();
  guides.forEach((g, i) => {
    if (!hub.state.services.has(g.serviceId)) throw new ApiError(400, 'invalid-input', `[${i}].serviceId: 无此业务 / unknown service "${g.serviceId}"`, `[${i}].serviceId`);
    if (seen.has(g.serviceId)) throw new ApiError(400, 'invalid-input', `[${i}].serviceId: 该业务已有办事指南 / a second guide for "${g.serviceId}"`, `[${i}].serviceId`);
    seen.add(g.serviceId);
  });
}

export const kioskRoutes: RouteSpec[] = [
  route({
    method: 'get', path: '/api/v1/kiosks/:id/setup', tag: 'kiosk',
    summary: 'What a kiosk needs to start: its name, the center, the green-channel age, the idle timeout (X-Kiosk-Key when configured)',
    access: ['kiosk'], params: kioskParam,
    responses: { 200: { description: 'the set-up', schema: setupSchema }, 401: { description: 'key missing', schema: errorSchema }, 403: { description: 'wrong key', schema: errorSchema }, 404: { description: 'unknown kiosk', schema: errorSchema } },
    handler: ({ hub, params, req }) => {
      kioskPrincipal(hub, params.id, req.header('x-kiosk-key'));
      const k = hub.config.kiosks.find((x) => x.id === params.id)!;
      const c = hub.config.center;
      return {
        status: 200,
        body: {
          kioskId: k.id, kioskName: k.name ?? null, idleSeconds: k.idleSeconds, greenAge: hub.config.rules.greenAge, exitPinSet: k.exitPin !== undefined,
          publicUrl: c.publicUrl ?? null,
          center: { name: c.name, nameEn: c.nameEn ?? null, hotline: c.hotline, address: c.address ?? null, phone: c.phone ?? null },
          servicesEn: Object.fromEntries(hub.config.services.map((s) => [s.id, { materialsEn: s.materialsEn ?? null, hoursEn: s.hoursEn ?? null, descriptionEn: s.descriptionEn ?? null }])),
        },
      };
    },
  }),
  route({
    method: 'post', path: '/api/v1/kiosks/:id/exit', tag: 'kiosk',
    summary: 'Checks the PIN of the kiosk\'s admin exit gesture (X-Kiosk-Key when configured); 4 tries a minute',
    access: ['kiosk'], params: kioskParam, body: z.object({ pin: z.string().regex(/^\d{1,8}$/, 'must be digits') }),
    responses: {
      204: { description: 'right PIN: the kiosk may leave kiosk mode' },
      403: { description: 'wrong PIN (or wrong kiosk key)', schema: errorSchema },
      409: { description: 'this kiosk has no exit PIN configured', schema: errorSchema },
      429: { description: 'too many tries', schema: errorSchema },
    },
    handler: ({ hub, params, body, req }) => {
      kioskPrincipal(hub, params.id, req.header('x-kiosk-key'));
      const k = hub.config.kiosks.find((x) => x.id === params.id)!;
      if (k.exitPin === undefined) throw new ApiError(409, 'no-exit-pin', '该取号机未设置退出密码 / no exit PIN configured for this kiosk');
      if (!pinAttempts.take(`kiosk:${k.id}`, hub.clock.now())) {
        throw new ApiError(429, 'rate-limited', '尝试次数过多，请稍后再试 / too many tries, wait a minute', undefined, { 'Retry-After': String(Math.max(1, pinAttempts.retryAfter(`kiosk:${k.id}`))) });
      }
      if (body.pin !== k.exitPin) throw new ApiError(403, 'wrong-pin', '密码错误 / wrong PIN', 'pin');
      return { status: 204 };
    },
  }),
  contentOverview,
  ...contentRoutes('guides'),
  ...contentRoutes('qa'),
  ...contentRoutes('commitments'),
  route({
    method: 'get', path: '/api/v1/kiosk/network', tag: 'kiosk', summary: 'The service network: the center, its town stations and village rooms (from the configuration)', access: ['public'],
    responses: { 200: { description: 'the network', schema: z.object({ center: networkPoint, points: z.array(networkPoint) }) } },
    handler: ({ hub }) => ({ status: 200, body: serviceNetwork(hub.config) }),
  }),
  route({
    method: 'get', path: '/api/v1/kiosk/staff-board', tag: 'kiosk', summary: 'The staff board (公示): photo, name, title, employee number, whereabouts and window; nothing private', access: ['public'],
    responses: { 200: { description: 'staff and director, director first', schema: staffBoardSchema } },
    handler: ({ hub }) => ({ status: 200, body: staffBoard(hub.state) }),
  }),
];
