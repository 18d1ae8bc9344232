// Device presses carry their own id: a resent press (after a lost ack or a hub restart) acts once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t.cleanup());

const events = async (type: string) => (await t.hub.store.readEvents(0, 10_000)).filter((e) => e.type === type);

it('a keypad call-next and a pad rating resent with the same id count once, also across a restart', async () => {
  await t.staffAt('tang.wei', '5');
  const staffId = t.hub.signedInAt('5')!;
  await t.issue('mediation');
  await t.issue('mediation');
  const first = await t.hub.windowAction('5', 'call-next', staffId, {}, 'keys-5:press-1');
  const again = await t.hub.windowAction('5', 'call-next', staffId, {}, 'keys-5:press-1');
  expect(again.ticket?.id).toBe(first.ticket?.id);
  expect(await events('ticket.called')).toHaveLength(1);
  await t.hub.windowAction('5', 'finish', staffId, {}, 'keys-5:press-2');
  expect(await t.hub.rate('5', 'satisfied', 'pad', 'pad-5:press-1')).toMatchObject({ score: 'satisfied' });
  expect(await t.hub.rate('5', 'satisfied', 'pad', 'pad-5:press-1')).toEqual({ duplicate: true });
  await t.restart();
  expect(await t.hub.rate('5', 'satisfied', 'pad', 'pad-5:press-1')).toEqual({ duplicate: true });
  expect((await t.hub.windowAction('5', 'call-next', staffId, {}, 'keys-5:press-1')).ticket?.id).toBeUndefined();
  expect(await events('ticket.rated')).toHaveLength(1);
  expect(await events('ticket.called')).toHaveLength(1);
  // a new press is a new action
  expect((await t.hub.windowAction('5', 'call-next', staffId, {}, 'keys-5:press-3')).ticket?.number).toBe('D002');
});
