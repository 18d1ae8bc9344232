// The kiosk's content files (JSON in `<data>/kiosk-content/`): what a kind shows until its first edit
// in the admin (edits are ledger events, `content-in-force.ts`). A file is seeded from the defaults on
// first use so a technician can also adapt it by hand before that; a file that no longer validates is
// reported and the kiosk falls back to the defaults instead of showing broken content.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTENT_SCHEMAS, type ContentKind, type ContentOf } from './content-schema.js';
import { DEFAULT_COMMITMENTS, DEFAULT_GUIDES, DEFAULT_QA } from './default-content.js';

const DEFAULTS: { [K in ContentKind]: ContentOf<K> } = { guides: DEFAULT_GUIDES, qa: DEFAULT_QA, commitments: DEFAULT_COMMITMENTS };

export class KioskContentStore {
  private readonly cache = new Map<ContentKind, unknown>();

  constructor(readonly dir: string, private readonly log: (line: string) => void = (l) => console.warn(l)) {}

  file(kind: ContentKind): string {
    return join(this.dir, `${kind}.json`);
  }

  read<K extends ContentKind>(kind: K): ContentOf<K> {
    const cached = this.cache.get(kind);
    if (cached) return cached as ContentOf<K>;
    const path = this.file(kind);
    if (!existsSync(path)) {
      this.save(kind, DEFAULTS[kind]);
      return DEFAULTS[kind];
    }
    let value: ContentOf<K>;
    try {
      value = CONTENT_SCHEMAS[kind].parse(JSON.parse(readFileSync(path, 'utf8'))) as ContentOf<K>;
    } catch (err) {
      this.log(`yichuang: kiosk content ${path} is invalid, showing the defaults: ${(err as Error).message.slice(0, 300)}`);
      value = DEFAULTS[kind];
    }
    this.cache.set(kind, value);
    return value;
  }

  private save(kind: ContentKind, value: unknown): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = this.file(kind);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, path);
    this.cache.set(kind, value);
  }
}

const stores = new WeakMap<object, KioskContentStore>();

/**
 * The content files of a hub, in the hub's data folder (else `YICHUANG_DATA`, as `server/main.ts` reads it).
 * `useContentDir` binds another folder to a hub.
 */
export function contentStoreOf(hub: { dataDir?: string }): KioskContentStore {
  let store = stores.get(hub);
  if (!store) {
    store = new KioskContentStore(join(resolve(hub.dataDir ?? process.env.YICHUANG_DATA ?? './data'), 'kiosk-content'));
    stores.set(hub, store);
  }
  return store;
}

export function useContentDir(hub: object, dataDir: string): KioskContentStore {
  const store = new KioskContentStore(join(dataDir, 'kiosk-content'));
  stores.set(hub, store);
  return store;
}
