// The hub's API from the admin pages: bearer token from the sign-in (kept for the browser tab only),
// the contract's error shape turned into an Error, file downloads through the same credential.
import { ApiFailure, saveDownload, sendJson } from '../../ui-common/http.js';
import { sessionStore, type Session } from '../../ui-common/session.js';

export { ApiFailure, type Session };

const sessions = sessionStore('yichuang.admin.session');
export const loadSession = sessions.load;
export const saveSession = sessions.save;

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const s = loadSession();
  try {
    return await sendJson(method, path, { token: s?.token, body });
  } catch (err) {
    // Only a signed-in session can expire; a wrong password at sign-in is the form's own error.
    if (s && err instanceof ApiFailure && err.status === 401) onUnauthorized();
    throw err;
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A GET answering JSON plus its headers (the ledger's X-Total-Count). */
export async function apiWithHeaders<T>(path: string): Promise<{ body: T; headers: Headers }> {
  const res = await send('GET', path);
  return { body: (await res.json()) as T, headers: res.headers };
}

/** Downloads a file answer under the name the hub gives it. */
export async function download(path: string): Promise<string> {
  return saveDownload(await send('GET', path), 'export');
}

/** Query string from the set fields of an object. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
