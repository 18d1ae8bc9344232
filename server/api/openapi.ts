// The OpenAPI 3.1 document, generated from the same route specs and zod schemas that validate requests.
import { z } from 'zod';
import type { RouteSpec } from './route-spec.js';

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

export function openApiDocument(routes: RouteSpec[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const name of r.path.match(/:(\w+)/g) ?? []) parameters.push({ name: name.slice(1), in: 'path', required: true, schema: { type: 'string' } });
    if (r.query) {
      const qs = jsonSchema(r.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(qs.properties ?? {})) parameters.push({ name, in: 'query', required: qs.required?.includes(name) ?? false, schema });
    }
    const security = r.access.includes('public') ? [] : r.access.map((a) => (a === 'kiosk' ? { kioskKey: [] } : a === 'screen' ? { screenKey: [] } : { bearer: [] }));
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      'x-access': r.access,
      parameters,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses: Object.fromEntries(Object.entries(r.responses).map(([status, resp]) => [
        status,
        { description: resp.description, ...(resp.schema ? { content: { 'application/json': { schema: z.toJSONSchema(resp.schema, { io: 'output', unrepresentable: 'any' }) } } } : {}) },
      ])),
      security,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'yichuang (一窗) hub API', version, description: 'Integration contract v1 of the public legal service center hub.' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        kioskKey: { type: 'apiKey', in: 'header', name: 'X-Kiosk-Key' },
        screenKey: { type: 'apiKey', in: 'header', name: 'X-Screen-Key' },
      },
    },
    paths,
  };
}
