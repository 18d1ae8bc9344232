// The configuration pages' calls to the hub: the bearer token they are given, the contract's error
// shape (with the field) turned into an Error, and the configuration hash sent back as If-Match.
import { saveDownload, sendJson } from '../../../ui-common/http.js';

export { ApiFailure } from '../../../ui-common/http.js';

export interface Change {
  section: string;
  id?: string;
  action: 'added' | 'removed' | 'updated';
  fields?: string[];
}

export interface ApplyResult {
  changes: Change[];
  configHash: string;
}

export function client(token: string) {
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => sendJson(method, path, { token, body, headers });
  return {
    async get<R>(path: string): Promise<R> {
      return (await (await send('GET', path)).json()) as R;
    },
    async call<R>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, ifHash?: string): Promise<R> {
      const res = await send(method, path, body, ifHash ? { 'if-match': ifHash } : {});
      return (res.status === 204 ? undefined : await res.json()) as R;
    },
    /** Saves a file answer under the name the hub gives it. */
    async download(path: string): Promise<string> {
      return saveDownload(await send('GET', path), 'download');
    },
  };
}

export type Client = ReturnType<typeof client>;
