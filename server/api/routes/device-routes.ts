import { z } from 'zod';
import { hasValidCheckCharacter, idNumberBirthDate } from '../../../devices/idcard/id-number.js';
import { ApiError } from '../api-error.js';
import { kioskOrUser } from '../principal.js';
import { route } from '../route-spec.js';
import { errorSchema, idParam, identityReply, simulateCardBody } from '../schemas.js';

const printedLine = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), width: z.number(), height: z.number(), align: z.enum(['left', 'center', 'right']) }),
  z.object({ kind: z.literal('qr'), data: z.string() }),
  z.object({ kind: z.literal('cut'), mode: z.enum(['full', 'partial']) }),
]);
const previewReply = z.object({
  deviceId: z.string(),
  kioskId: z.string().nullable(),
  state: z.string(),
  tickets: z.array(z.object({ jobId: z.string(), ticketId: z.string(), number: z.string(), reprint: z.boolean(), printedAt: z.string(), lines: z.array(printedLine) })),
});
const previewQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

export const deviceRoutes = [
  route({
    method: 'post', path: '/api/v1/simulate/idcard', tag: 'devices',
    summary: 'Place a card on a kiosk\'s simulated ID reader (only where that kiosk has no real reader); the kiosk gets the `idcard` event',
    access: ['kiosk', 'staff', 'director', 'admin'],
    body: simulateCardBody,
    responses: {
      200: { description: 'read; the same masked form the kiosk receives', schema: identityReply },
      400: { description: 'invalid card (bad check character or date)', schema: errorSchema },
      404: { description: 'unknown kiosk', schema: errorSchema },
      409: { description: 'the kiosk has a real reader', schema: errorSchema },
    },
    handler: ({ hub, body, principal, req }) => {
      kioskOrUser(hub, body.kioskId, principal, req.header('x-kiosk-key'));
      if (hub.config.devices.some((d) => d.kind === 'idcard' && d.kiosk === body.kioskId)) {
        throw new ApiError(409, 'real-reader', '该取号机接有真实读卡器 / this kiosk has a real ID reader');
      }
      const { card } = body;
      if (!hasValidCheckCharacter(card.idNumber)) throw new ApiError(400, 'invalid-card', '身份证无效（校验位错误）/ invalid card: bad check character', 'card.idNumber');
      const birthDate = card.birthDate ?? idNumberBirthDate(card.idNumber);
      if (!birthDate) throw new ApiError(400, 'invalid-card', '身份证无效（出生日期错误）/ invalid card: bad birth date', 'card.idNumber');
      const read = hub.identityRead(body.kioskId, { ...card, birthDate });
      hub.emitIdentity(body.kioskId, read);
      return { status: 200, body: read };
    },
  }),
  route({
    method: 'get', path: '/api/v1/devices/:id/preview', tag: 'devices',
    summary: 'What a simulated (virtual) printer printed: its last tickets (newest first) as readable lines — text with size and alignment, QR payloads, the cut',
    access: ['director', 'admin'],
    params: idParam,
    query: previewQuery,
    responses: {
      200: { description: 'the last `limit` (1–20, default 5) tickets', schema: previewReply },
      400: { description: 'invalid limit', schema: errorSchema },
      404: { description: 'no such device', schema: errorSchema },
      409: { description: 'not a simulated printer: a real printer keeps nothing to preview', schema: errorSchema },
    },
    handler: ({ hub, params, query }) => {
      const health = hub.health().devices.find((d) => d.id === params.id);
      if (!health) throw new ApiError(404, 'device-not-found', `无此设备 / no device ${params.id}`);
      const tickets = hub.devices?.printPreview(params.id);
      if (!tickets) throw new ApiError(409, 'not-simulated-printer', '仅虚拟打印机可预览打印内容 / only a simulated printer keeps what it printed');
      const kioskId = hub.config.kiosks.find((k) => params.id === `sim-printer-${k.id}`)?.id ?? null;
      return { status: 200, body: { deviceId: params.id, kioskId, state: health.state, tickets: tickets.slice(-query.limit).reverse() } };
    },
  }),
];
