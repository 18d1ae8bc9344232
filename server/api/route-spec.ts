// One declaration per route: access, schemas and handler. The same list mounts the express routes,
// generates /api/v1/openapi.json and docs/api.md, so the documentation cannot drift from the code.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Hub, Principal } from '../hub.js';

/** Who may call a route. 'public' = anyone; 'kiosk'/'screen' are resolved by the handler from keys. */
export type Access = 'public' | 'staff' | 'director' | 'admin' | 'kiosk' | 'screen';

export interface Reply {
  status: number;
  body?: unknown;
  /** A file answer (CSV export). */
  file?: { contentType: string; filename: string; content: string | Buffer };
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  hub: Hub;
  req: Request;
  res: Response;
}

export interface RouteSpec<P = any, Q = any, B = any> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: Access[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<Reply> | Reply;
}

export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}
