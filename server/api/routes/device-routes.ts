import { hasValidCheckCharacter, idNumberBirthDate } from '../../../devices/idcard/id-number.js';
import { ApiError } from '../api-error.js';
import { kioskOrUser } from '../principal.js';
import { route } from '../route-spec.js';
import { errorSchema, identityReply, simulateCardBody } from '../schemas.js';

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
];
