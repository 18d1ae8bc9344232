import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { apiMarkdown } from '../../server/api/api-doc.js';
import { allRoutes } from '../../server/api/routes/index.js';

it('docs/api.md is generated from the current routes (run npm run docs:api)', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');
  expect(doc).toBe(apiMarkdown(allRoutes));
  for (const r of allRoutes) expect(doc).toContain(`${r.method.toUpperCase()} ${r.path}`);
});
