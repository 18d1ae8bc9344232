// Mounts route specs on express: credentials → principal, role check, zod validation of params, query
// and body (400 naming the field; nothing runs), the handler, and the contract's error shape.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { fieldPath } from '../config/load-config.js';
import type { Hub } from '../hub.js';
import { ApiError, toApiError } from './api-error.js';
import { checkAccess, principalOf } from './principal.js';
import type { RouteSpec } from './route-spec.js';

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'params' | 'query' | 'body'): T {
  if (!schema) return (where === 'body' ? undefined : {}) as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = fieldPath(issue.path);
  const name = field === '(root)' ? where : field;
  throw new ApiError(400, 'invalid-input', `${name}: ${issue.message}`, name);
}

export function sendError(res: Response, err: unknown): void {
  const e = toApiError(err);
  if (e.status === 500) console.error('yichuang: unexpected error', err);
  if (e.headers) for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
  res.status(e.status).json({ error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } });
}

export function apiRouter(hub: Hub, routes: RouteSpec[]): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '512kb', strict: true }));
  for (const spec of routes) {
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      try {
        const principal = principalOf(req, hub);
        checkAccess(spec.access, principal);
        const params = parse(spec.params, req.params, 'params');
        const query = parse(spec.query, req.query, 'query');
        // An action without a body is fine when every field is optional.
        const body = parse(spec.body, req.body ?? {}, 'body');
        const reply = await spec.handler({ params, query, body, principal, hub, req, res });
        if (reply.file) {
          res.status(reply.status).setHeader('Content-Type', reply.file.contentType);
          res.setHeader('Content-Disposition', `attachment; filename="${reply.file.filename}"`);
          res.send(reply.file.content);
        } else if (reply.body === undefined) res.status(reply.status).end();
        else res.status(reply.status).json(reply.body);
      } catch (err) {
        sendError(res, err);
      }
    });
  }
  router.use((req: Request, res: Response) => sendError(res, new ApiError(404, 'not-found', `无此接口 / no route ${req.method} ${req.path}`)));
  // Malformed JSON, oversized bodies: the contract's error shape, not express's HTML page.
  router.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') return sendError(res, new ApiError(400, 'invalid-json', `请求体不是有效的 JSON / malformed JSON body: ${err.message}`, 'body'));
    if (err.type === 'entity.too.large') return sendError(res, new ApiError(413, 'too-large', '请求体过大 / body too large', 'body'));
    if (err.status && err.status < 500) return sendError(res, new ApiError(err.status, 'bad-request', err.message));
    sendError(res, err);
  });
  return router;
}
