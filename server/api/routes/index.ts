import type { RouteSpec } from '../route-spec.js';
import { openApiDocument } from '../openapi.js';
import { route } from '../route-spec.js';
import { auditRoutes } from './audit-routes.js';
import { configRoutes } from './config-routes.js';
import { authRoutes } from './auth-routes.js';
import { deviceRoutes } from './device-routes.js';
import { ledgerRoutes } from './ledger-routes.js';
import { reportRoutes } from './report-routes.js';
import { queueRoutes } from './queue-routes.js';
import { windowRoutes } from './window-routes.js';
import { screenRoutes } from './screen-routes.js';
import { consoleRoutes } from './console-routes.js';
import { kioskRoutes } from './kiosk-routes.js';

const contractRoutes: RouteSpec[] = [...authRoutes, ...queueRoutes, ...windowRoutes, ...ledgerRoutes, ...deviceRoutes, ...screenRoutes, ...consoleRoutes, ...kioskRoutes];

export const API_VERSION = '1.0.0';

export const allRoutes: RouteSpec[] = [
  ...contractRoutes,
  ...reportRoutes,
  ...auditRoutes,
  ...configRoutes,
  route({
    method: 'get', path: '/api/v1/openapi.json', tag: 'system', summary: 'This API as OpenAPI 3.1', access: ['public'],
    responses: { 200: { description: 'the document' } },
    handler: () => ({ status: 200, body: openApiDocument(allRoutes, API_VERSION) }),
  }),
];
