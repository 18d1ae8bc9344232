// Configuration edited in the admin and applied live (server/config-admin): the whole file or one
// service, window, kiosk, network point or section at a time, validated with the configuration file's own schema,
// checked against the open hall (409 when it would strand citizens or repeat numbers), recorded in the
// ledger, and exportable as the file YICHUANG_CONFIG accepts. Staff records and photos too.
import { z } from 'zod';
import { configSchema, serviceSchema, windowSchema } from '../../config/schema.js';
import { configForRole, exportConfig } from '../../config-admin/config-export.js';
import { configHash } from '../../config-admin/config-hash.js';
import { editConfig, type ApplyResult } from '../../config-admin/live-config.js';
import { PHOTO_TYPES, readStaffPhoto, saveStaffPhoto, staffForAdmin, updateStaff } from '../../config-admin/staff-admin.js';
import type { Hub } from '../../hub.js';
import { ApiError } from '../api-error.js';
import { claimsOf, requireUser } from '../principal.js';
import { ifMatch } from '../if-match.js';
import { route, type RouteSpec } from '../route-spec.js';
import { errorSchema, idParam, titleEnText } from '../schemas.js';

const kioskSchema = configSchema.shape.kiosks.unwrap().element;
const networkPointSchema = configSchema.shape.network.unwrap().element;

const changeSchema = z.object({ section: z.string(), id: z.string().optional(), action: z.enum(['added', 'removed', 'updated']), fields: z.array(z.string()).optional() });
const applyReply = z.object({ changes: z.array(changeSchema), configHash: z.string() });

const SECTIONS = ['center', 'rules', 'retention', 'notices', 'announce'] as const;
const ITEMS = { services: serviceSchema, windows: windowSchema, kiosks: kioskSchema, network: networkPointSchema } as const;
type ItemSection = keyof typeof ITEMS;

const editResponses = {
  200: { description: 'applied (changes: what changed; empty when nothing did)', schema: applyReply },
  400: { description: 'invalid: the field and the problem, as for the configuration file', schema: errorSchema },
  404: { description: 'no such item', schema: errorSchema },
  409: { description: 'refused while the hall is open (live tickets, prefix used today, staffed window), another admin saved first (If-Match), or a change that needs a restart; nothing changed', schema: errorSchema },
};


type Draft = Record<string, unknown>;
const items = (draft: Draft, section: ItemSection) => draft[section] as { id: string }[];

function upsertRoute(section: ItemSection, label: string): RouteSpec {
  const itemSchema = ITEMS[section] as unknown as z.ZodObject;
  return route({
    method: 'put', path: `/api/v1/config/${section}/:id`, tag: 'config', summary: `Add or change one ${label} (the id comes from the path)`, access: ['admin'],
    params: idParam, body: itemSchema.omit({ id: true }),
    responses: editResponses,
    handler: async ({ hub, params, body, principal, req }) => {
      const by = claimsOf(principal).staffId;
      let index = -1;
      const result = await editConfig(hub, (draft) => {
        const list = items(draft, section);
        index = list.findIndex((x) => x.id === params.id);
        const item = { ...(body as object), id: params.id };
        if (index >= 0) list[index] = item;
        else index = list.push(item) - 1;
      }, by, { ifHash: ifMatch(req), fieldBase: () => `${section}[${index}]` });
      return { status: 200, body: result };
    },
  });
}

function list(hub: Hub, section: ItemSection): { id: string }[] {
  return hub.config[section] as { id: string }[];
}

function deleteRoute(section: ItemSection, label: string): RouteSpec {
  return route({
    method: 'delete', path: `/api/v1/config/${section}/:id`, tag: 'config', summary: `Remove one ${label}; refused (409) while it is in use`, access: ['admin'],
    params: idParam,
    responses: editResponses,
    handler: async ({ hub, params, principal, req }) => {
      if (!list(hub, section).some((x) => x.id === params.id)) throw new ApiError(404, 'not-found', `无此项 / no ${section} item ${params.id}`);
      const result: ApplyResult = await editConfig(hub, (draft) => {
        (draft as Draft)[section] = items(draft, section).filter((x) => x.id !== params.id);
        // A removed service leaves the windows that served it (a window left with none is a 400 naming it).
        if (section === 'services') for (const w of draft.windows as { services: string[] }[]) w.services = w.services.filter((s) => s !== params.id);
      }, claimsOf(principal).staffId, { ifHash: ifMatch(req) });
      return { status: 200, body: result };
    },
  });
}

const staffEditBody = z.object({
  name: z.string().trim().min(1).max(30).optional(),
  title: z.string().trim().min(1).max(40).optional(),
  /** null removes it (the screens then show the Chinese title). */
  titleEn: titleEnText.nullable().optional(),
  employeeNo: z.string().trim().min(1).max(20).optional(),
  phone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, 'must be a phone number (digits, 5–20)').nullable().optional(),
});
const photoBody = z.object({
  contentType: z.enum(Object.keys(PHOTO_TYPES) as [keyof typeof PHOTO_TYPES, ...(keyof typeof PHOTO_TYPES)[]]),
  data: z.string().min(1).max(800_000).regex(/^[A-Za-z0-9+/]+=*$/, 'must be base64'),
});
const adminStaff = z.object({
  id: z.string(), username: z.string(), name: z.string(), title: z.string(), titleEn: z.string().nullable(), employeeNo: z.string(), role: z.string(), photo: z.string().nullable(),
  whereabouts: z.string(), whereaboutsNote: z.string().nullable(), windowId: z.string().nullable(), phoneMasked: z.string().nullable(),
});

export const configRoutes: RouteSpec[] = [
  route({
    method: 'get', path: '/api/v1/config', tag: 'config', summary: 'The configuration in force and its hash (send it back as If-Match); director: without keys', access: ['director', 'admin'],
    responses: { 200: { description: 'configuration', schema: z.object({ config: z.unknown(), configHash: z.string() }) } },
    handler: ({ hub, principal }) => ({ status: 200, body: { config: configForRole(hub, claimsOf(principal).role), configHash: configHash(hub.config) } }),
  }),
  route({
    method: 'put', path: '/api/v1/config', tag: 'config',
    summary: 'Replace the whole configuration (the file format); devices, agents and rate limits change only with the file and a restart; staff seats are ignored (accounts change under /config/staff)',
    access: ['admin'],
    body: z.unknown(),
    responses: editResponses,
    handler: async ({ hub, body, principal, req }) => ({ status: 200, body: await editConfig(hub, () => body, claimsOf(principal).staffId, { ifHash: ifMatch(req) }) }),
  }),
  route({
    method: 'get', path: '/api/v1/config/export', tag: 'config', summary: 'The configuration in force as a file YICHUANG_CONFIG accepts (staff seats from the accounts, without phones)', access: ['admin'],
    responses: { 200: { description: 'application/json file' } },
    handler: ({ hub }) => ({
      status: 200,
      file: { contentType: 'application/json; charset=utf-8', filename: `yichuang.config.json`, content: `${JSON.stringify(exportConfig(hub), null, 2)}\n` },
    }),
  }),
  route({
    method: 'put', path: '/api/v1/config/sections/:section', tag: 'config', summary: `Replace one section: ${SECTIONS.join(', ')}`, access: ['admin'],
    params: z.object({ section: z.enum(SECTIONS) }), body: z.unknown(),
    responses: editResponses,
    handler: async ({ hub, params, body, principal, req }) => {
      const result = await editConfig(hub, (draft) => {
        draft[params.section] = body;
      }, claimsOf(principal).staffId, { ifHash: ifMatch(req), fieldBase: params.section });
      return { status: 200, body: result };
    },
  }),
  upsertRoute('services', 'service (prefix, names, materials, time limit, discreet)'),
  deleteRoute('services', 'service'),
  upsertRoute('windows', 'window (services served, A/B posts, screen key)'),
  deleteRoute('windows', 'window'),
  upsertRoute('kiosks', 'kiosk'),
  deleteRoute('kiosks', 'kiosk'),
  upsertRoute('network', 'point of the service network shown on the kiosk (town station, village room)'),
  deleteRoute('network', 'point of the service network'),
  route({
    method: 'get', path: '/api/v1/config/staff', tag: 'config', summary: 'Staff records for the admin (phone masked)', access: ['admin'],
    responses: { 200: { description: 'staff', schema: z.array(adminStaff) } },
    handler: async ({ hub }) => ({ status: 200, body: await staffForAdmin(hub) }),
  }),
  route({
    method: 'put', path: '/api/v1/config/staff/:id', tag: 'config', summary: 'Change name, title, English title, employee number or phone (null removes the English title or the phone; sealed like all personal data)', access: ['admin'],
    params: idParam, body: staffEditBody,
    responses: { 204: { description: 'saved' }, 400: { description: 'invalid', schema: errorSchema }, 404: { description: 'no such staff', schema: errorSchema } },
    handler: async ({ hub, params, body, principal }) => {
      await updateStaff(hub, params.id, body, requireUser(principal, ['admin']).staffId);
      return { status: 204 };
    },
  }),
  route({
    method: 'post', path: '/api/v1/config/staff/:id/photo', tag: 'config', summary: 'Upload the seat-card photo: JPEG, PNG or WebP, base64, at most 512 KB; stored in the data folder', access: ['admin'],
    params: idParam, body: photoBody,
    responses: {
      200: { description: 'stored; the URL the seat card shows', schema: z.object({ photo: z.string() }) },
      400: { description: 'not an image of the declared type', schema: errorSchema },
      404: { description: 'no such staff', schema: errorSchema },
      413: { description: 'larger than 512 KB', schema: errorSchema },
    },
    handler: async ({ hub, params, body, principal }) => ({ status: 200, body: { photo: await saveStaffPhoto(hub, params.id, body, requireUser(principal, ['admin']).staffId) } }),
  }),
  route({
    method: 'get', path: '/api/v1/staff/:id/photo', tag: 'staff', summary: 'A staff member\'s seat-card photo (public, as on the window screen)', access: ['public'],
    params: idParam,
    responses: { 200: { description: 'the image' }, 404: { description: 'no photo', schema: errorSchema } },
    handler: ({ hub, params }) => {
      const photo = readStaffPhoto(hub, params.id);
      return { status: 200, file: { contentType: photo.contentType, filename: `${params.id}.${photo.contentType.split('/')[1]}`, content: photo.content } };
    },
  }),
];
