import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, whether running from server/ (tests) or from dist/server/ (npm start). */
export function projectRoot(from = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}
