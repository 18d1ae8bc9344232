// The hub's API from the admin pages: bearer token from the sign-in (kept for the browser tab only),
// the contract's error shape turned into an Error, file downloads through the same credential.

export interface Session {
  token: string;
  role: 'admin' | 'director' | 'staff';
  name: string;
  staffId: string;
}

const KEY = 'yichuang.admin.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const s = loadSession();
  if (s) headers.authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    const payload = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
    if (res.status === 401 && s) onUnauthorized();
    throw new ApiFailure(res.status, payload?.error?.code ?? 'http', payload?.error?.message ?? `HTTP ${res.status}`, payload?.error?.field);
  }
  return res;
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
  const res = await send('GET', path);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Query string from the set fields of an object. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
