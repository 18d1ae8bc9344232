// The hub's HTTP contract for the screens (admin, console): JSON bodies, an optional bearer token, and
// the contract's error shape `{error:{code,message,field?}}` turned into an ApiFailure.
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

/** The failure an error answer's (possibly missing or malformed) body describes. */
export function failureFrom(status: number, payload: unknown): ApiFailure {
  const err = (payload as { error?: { code?: string; message?: string; field?: string } } | null | undefined)?.error;
  return new ApiFailure(status, err?.code ?? 'http', err?.message ?? `HTTP ${status}`, err?.field);
}

export interface SendOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request; a non-2xx answer throws its ApiFailure (a network failure throws fetch's own error). */
export async function sendJson(method: string, path: string, { token, body, headers = {} }: SendOptions = {}): Promise<Response> {
  const h: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw failureFrom(res.status, await res.json().catch(() => null));
  return res;
}

/** Saves a file answer under the name the hub gives it (Content-Disposition), else `fallbackName`. */
export async function saveDownload(res: Response, fallbackName: string): Promise<string> {
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
