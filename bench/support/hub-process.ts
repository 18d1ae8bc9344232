// A hub as a child process for the bench sections: started from dist/server/main.js on loopback with a
// port of its own choosing, either exactly as `npm start` runs it (the start script's environment and
// node flags, so memory figures are the production ones) or with node's defaults.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The environment and node flags of package.json's start script. */
export function npmStartCommand(root: string): { env: Record<string, string>; flags: string[] } {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = script.split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0]?.includes('=')) {
    const [k, v] = words.shift()!.split('=');
    env[k!] = v!;
  }
  if (words.shift() !== 'node') throw new Error(`unexpected start script: ${script}`);
  return { env, flags: words.filter((w) => w.startsWith('--')) };
}

export interface HubProcessOptions {
  dataDir: string;
  adminPassword: string;
  /** Extra environment (ledger URL, clock start…). */
  env?: Record<string, string>;
  /** Run with the start script's environment and node flags (default), or plain `node main.js`. */
  asNpmStart?: boolean;
}

/** Starts the built hub and resolves with its address once it says it is listening. */
export async function startHubProcess(root: string, o: HubProcessOptions): Promise<{ child: ChildProcess; url: string }> {
  const start = o.asNpmStart === false ? { env: {}, flags: [] } : npmStartCommand(root);
  const child = spawn(process.execPath, [...start.flags, join(root, 'dist/server/main.js')], {
    env: { ...process.env, ...start.env, HOST: '127.0.0.1', PORT: '0', YICHUANG_DATA: o.dataDir, YICHUANG_ADMIN_PASSWORD: o.adminPassword, ...o.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`hub exited ${code}: ${out}`)));
  });
  return { child, url };
}

/** POSTs JSON (with a bearer token unless empty); the body parsed when there is one. */
export async function post(url: string, token: string, body: unknown = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}
