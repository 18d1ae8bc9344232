// The console's HTTP client: the contract's routes with the staff token; errors become readable
// messages (the hub's messages are "中文 / English").
import { ApiFailure, failureFrom } from '../../../ui-common/http.js';
import { sessionStore, type Session } from '../../../ui-common/session.js';

export { ApiFailure, type Session };

const sessions = sessionStore('yichuang.console.session');
export const loadSession = sessions.load;
export const saveSession = sessions.save;

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
  if (res.status >= 400) throw failureFrom(res.status, parsed);
  return { status: res.status, body: parsed as T };
}

/** The part of a bilingual hub message in the console's language. */
export function messageIn(message: string, lang: 'zh-CN' | 'en'): string {
  const parts = message.split(' / ');
  if (parts.length < 2) return message;
  return lang === 'en' ? parts.slice(1).join(' / ') : parts[0]!;
}
