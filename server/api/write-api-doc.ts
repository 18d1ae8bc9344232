import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiMarkdown } from './api-doc.js';
import { allRoutes } from './routes/index.js';

const target = resolve(import.meta.dirname, '../../../docs/api.md');
writeFileSync(target, apiMarkdown(allRoutes));
console.log(`wrote ${target}`);
