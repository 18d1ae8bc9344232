// Crash safety: 8 concurrent clients issue tickets, the hub is killed with SIGKILL mid-stream and
// restarted. Every ticket that got a 201 is there with the same number; no number repeats; verify ok.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { killed, spawnHub } from '../support/spawn-hub.js';
import { testLedgerEnv } from '../support/test-store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-crash-'));
const env = { YICHUANG_DATA: dataDir, YICHUANG_ADMIN_PASSWORD: 'crash-test-admin', ...(await testLedgerEnv(dataDir)) };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function adminToken(url: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'crash-test-admin' }) });
  return ((await r.json()) as { token: string }).token;
}

it('keeps every acknowledged ticket across kill -9 and restart', async () => {
  const hub = await spawnHub(env);
  const token = await adminToken(hub.url);
  const acknowledged: { id: string; number: string; serviceId: string }[] = [];
  const services = ['consult', 'legal-aid', 'mediation', 'notary'];
  let stop = false;
  let failures = 0;
  const client = async (n: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const r = await fetch(`${hub.url}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ serviceId: services[(n + i) % services.length] }),
        });
        if (r.status === 201) acknowledged.push((await r.json()) as (typeof acknowledged)[number]);
      } catch {
        failures++; // the connection died with the hub: that ticket was never acknowledged
        return;
      }
    }
  };
  const clients = Array.from({ length: 8 }, (_, n) => client(n));
  while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
  hub.child.kill('SIGKILL');
  await killed(hub.child);
  stop = true;
  await Promise.all(clients);
  expect(failures).toBeGreaterThan(0); // it really died mid-stream

  const again = await spawnHub(env);
  try {
    const token2 = await adminToken(again.url);
    for (const t of acknowledged) {
      const r = await fetch(`${again.url}/api/v1/tickets/${t.id}`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { number: string }).number).toBe(t.number);
    }
    const rows = (await (await fetch(`${again.url}/api/v1/ledger?limit=10000`, { headers: { authorization: `Bearer ${token2}` } })).json()) as { number: string; serviceId: string }[];
    const numbers = rows.map((r) => `${r.serviceId}|${r.number}`);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length);
    // numbering continues after the highest number stored, per service, with no gap
    for (const serviceId of services) {
      const stored = rows.filter((r) => r.serviceId === serviceId).map((r) => Number(r.number.slice(1))).sort((a, b) => a - b);
      expect(stored).toEqual(stored.map((_, i) => i + 1));
      const next = await fetch(`${again.url}/api/v1/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token2}` }, body: JSON.stringify({ serviceId }) });
      expect(Number(((await next.json()) as { number: string }).number.slice(1))).toBe(stored.length + 1);
    }
    const verify = (await (await fetch(`${again.url}/api/v1/ledger/verify`, { headers: { authorization: `Bearer ${token2}` } })).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
  } finally {
    again.child.kill('SIGTERM');
    await killed(again.child);
  }
});
