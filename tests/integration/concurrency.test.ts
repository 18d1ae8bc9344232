// Two windows serving one service, 50 simultaneous call-next pairs: never the same ticket twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t.cleanup());

it('50 simultaneous call-next pairs at two windows never hand out the same ticket', async () => {
  const a = await t.staffAt('lin.qiao', '2'); // consult
  const b = await t.staffAt('song.yu', '3'); // consult + reception
  const issued = await Promise.all(Array.from({ length: 100 }, () => t.issue('consult')));
  expect(issued.every((r) => r.status === 201)).toBe(true);
  expect(new Set(issued.map((r) => r.body.number)).size).toBe(100);
  const seen: string[] = [];
  for (let round = 0; round < 50; round++) {
    const [ra, rb] = await Promise.all([
      t.api('POST', '/api/v1/windows/2/call-next', { token: a }),
      t.api('POST', '/api/v1/windows/3/call-next', { token: b }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    seen.push(ra.body.ticket.id, rb.body.ticket.id);
    await Promise.all([
      t.api('POST', '/api/v1/windows/2/finish', { token: a, body: {} }),
      t.api('POST', '/api/v1/windows/3/finish', { token: b, body: {} }),
    ]);
  }
  expect(new Set(seen).size).toBe(100);
  expect(new Set(seen)).toEqual(new Set(issued.map((r) => r.body.id)));
  expect((await t.api('POST', '/api/v1/windows/2/call-next', { token: a })).status).toBe(204);
});

it('a kiosk flood gets 429 and takes no numbers', async () => {
  await t.cleanup();
  const config = (await import('../support/hub-harness.js')).testConfig({ rateLimits: { kioskPerMinute: 20, kioskBurst: 5, addressPerMinute: 60, addressBurst: 20 } });
  t = await startTestHub({ config });
  const replies = await Promise.all(Array.from({ length: 60 }, () => t.issue('notary')));
  const ok = replies.filter((r) => r.status === 201);
  const limited = replies.filter((r) => r.status === 429);
  expect(ok).toHaveLength(5);
  expect(limited).toHaveLength(55);
  expect(limited[0]!.body.error.code).toBe('rate-limited');
  expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(ok.map((r) => r.body.number).sort()).toEqual(['E001', 'E002', 'E003', 'E004', 'E005']);
  // staff are not rate limited; numbering continues without a gap
  const staff = await t.addStaff('front.desk');
  expect(staff).toBeTruthy();
  const next = await t.api('POST', '/api/v1/tickets', { as: 'front.desk', body: { serviceId: 'notary' } });
  expect(next.body.number).toBe('E006');
  // the limiter refills with time
  t.clock.advance(1);
  expect((await t.issue('notary')).status).toBe(201);
});
