// The configuration pages' calls to the hub: the bearer token they are given, the contract's error
// shape (with the field) turned into an Error, and the configuration hash sent back as If-Match.
export class ConfigApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

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
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { authorization: `Bearer ${token}`, ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) {
      const payload = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
      throw new ConfigApiError(res.status, payload?.error?.code ?? 'http', payload?.error?.message ?? `HTTP ${res.status}`, payload?.error?.field);
    }
    return res;
  }
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
      const res = await send('GET', path);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return name;
    },
  };
}

export type Client = ReturnType<typeof client>;
