// The console's HTTP client: the contract's routes with the staff token; errors become readable
// messages (the hub's messages are "中文 / English").
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface Session {
  token: string;
  name: string;
  role: 'staff' | 'director' | 'admin';
  staffId: string;
}

const KEY = 'yichuang.console.session';

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

export async function api<T = unknown>(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiFailure(0, 'network', '');
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.status >= 400) {
    const err = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiFailure(res.status, err?.code ?? 'http', err?.message ?? `HTTP ${res.status}`);
  }
  return { status: res.status, body: parsed as T };
}

/** The part of a bilingual hub message in the console's language. */
export function messageIn(message: string, lang: 'zh-CN' | 'en'): string {
  const parts = message.split(' / ');
  if (parts.length < 2) return message;
  return lang === 'en' ? parts.slice(1).join(' / ') : parts[0]!;
}
