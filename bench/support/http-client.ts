// The bench's HTTP client for latency figures: node:http over kept-alive loopback sockets. fetch (undici)
// adds about 0.3 ms of its own per request on this machine, which would be counted against the hub.
import http from 'node:http';

export interface JsonReply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- bench code reads a few known fields
}

export class KeepAliveClient {
  private readonly agent: http.Agent;
  private readonly origin: URL;

  /** `sockets`: connections kept open (one per concurrent caller). */
  constructor(url: string, sockets = 1) {
    this.origin = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: 'GET' | 'POST', path: string, token = '', body?: unknown): Promise<JsonReply> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = {};
    if (data !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.origin.hostname, port: this.origin.port, path, method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch (err) {
            reject(err);
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  post(path: string, token = '', body: unknown = {}): Promise<JsonReply> {
    return this.request('POST', path, token, body);
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * The round trip of a bare node:http server on loopback that answers a POST with a small JSON body, from
 * the same client: what any HTTP hub on this machine pays before routing, parsing or writing anything.
 */
export async function bareHttpRoundTrips(n: number): Promise<number[]> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  const client = new KeepAliveClient(`http://127.0.0.1:${port}`);
  try {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await client.post('/', '', { serviceId: 'consult' });
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    client.close();
    server.close();
  }
}
