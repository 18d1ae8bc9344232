// The kiosk's routes on a real hub: set-up (kiosk key), the exit PIN, the editable content (public
// reads, admin-only replacement validated field by field and recorded in the ledger), the service
// network from the configuration, the staff board without private data, and live tiles on /kiosk.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useContentDir } from '../../server/kiosk-content/content-store.js';
import { once, startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
const KEY = 'kiosk-key-1234';
beforeAll(async () => {
  t = await startTestHub({ config: testConfig({ kiosks: [{ id: 'K1', exitPin: '2468' }, { id: 'K2', key: KEY, idleSeconds: 45 }, { id: 'K3' }] }) });
});
afterAll(() => t.cleanup());

it('set-up: the kiosk\'s idle time, the green age and the center; a keyed kiosk needs its key', async () => {
  const k1 = await t.api('GET', '/api/v1/kiosks/K1/setup');
  expect(k1.status).toBe(200);
  expect(k1.body).toMatchObject({ kioskId: 'K1', idleSeconds: 30, greenAge: 70, exitPinSet: true, center: { hotline: '12348' } });
  expect(k1.body.servicesEn['legal-aid'].materialsEn).toContain('Legal aid application form (available here)');
  expect(JSON.stringify(k1.body)).not.toContain('2468'); // the PIN never leaves the hub
  expect((await t.api('GET', '/api/v1/kiosks/K2/setup')).status).toBe(401);
  expect((await t.api('GET', '/api/v1/kiosks/K2/setup', { headers: { 'x-kiosk-key': 'wrong-key-000' } })).status).toBe(403);
  const k2 = await t.api('GET', '/api/v1/kiosks/K2/setup', { headers: { 'x-kiosk-key': KEY } });
  expect(k2.body).toMatchObject({ idleSeconds: 45, exitPinSet: false });
  expect((await t.api('GET', '/api/v1/kiosks/K9/setup')).status).toBe(404);
});

it('exit PIN: right → 204, wrong → 403 naming pin, none configured → 409, bad input → 400, then 429 after 4 tries a minute', async () => {
  expect((await t.api('POST', '/api/v1/kiosks/K1/exit', { body: { pin: '2468' } })).status).toBe(204);
  const wrong = await t.api('POST', '/api/v1/kiosks/K1/exit', { body: { pin: '1111' } });
  expect(wrong.status).toBe(403);
  expect(wrong.body.error).toMatchObject({ code: 'wrong-pin', field: 'pin' });
  expect((await t.api('POST', '/api/v1/kiosks/K3/exit', { body: { pin: '1111' } })).status).toBe(409);
  const bad = await t.api('POST', '/api/v1/kiosks/K1/exit', { body: { pin: 'abcd' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('pin');
  await t.api('POST', '/api/v1/kiosks/K1/exit', { body: { pin: '1112' } });
  await t.api('POST', '/api/v1/kiosks/K1/exit', { body: { pin: '1113' } }); // the 4th try this minute
  const limited = await t.api('POST', '/api/v1/kiosks/K1/exit', { body: { pin: '2468' } });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  t.clock.advance(2);
  expect((await t.api('POST', '/api/v1/kiosks/K1/exit', { body: { pin: '2468' } })).status).toBe(204);
});

it('content is seeded from the defaults into the data folder and read publicly', async () => {
  const guides = await t.api('GET', '/api/v1/kiosk/guides');
  expect(guides.status).toBe(200);
  const aid = guides.body.find((g: { serviceId: string }) => g.serviceId === 'legal-aid');
  expect(aid).toMatchObject({ free: true });
  expect(aid.fees).toContain('免费');
  expect(existsSync(join(t.dataDir, 'kiosk-content', 'guides.json'))).toBe(true);
  const qa = await t.api('GET', '/api/v1/kiosk/qa');
  expect(qa.body.categories.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['labour', 'family', 'traffic', 'neighbour']));
  expect(qa.body.items.length).toBeGreaterThanOrEqual(8);
  const commitments = await t.api('GET', '/api/v1/kiosk/commitments');
  expect(commitments.body.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining(['首问负责', '一次性告知', '限时办结']));
});

it('an admin replaces content; others may not; bad content is a 400 naming the field and changes nothing', async () => {
  const before = await t.api('GET', '/api/v1/kiosk/commitments');
  const next = [...before.body, { id: 'night-desk', title: '延时服务', titleEn: 'Extended hours', body: '每周四延时至 19:00。', bodyEn: 'Open until 19:00 on Thursdays.' }];
  expect((await t.api('PUT', '/api/v1/kiosk/commitments', { body: next })).status).toBe(401);
  await t.addStaff('zhang.san', 'director');
  expect((await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'zhang.san', body: next })).status).toBe(403);
  const missingEn = await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: [{ ...next[0], titleEn: '' }] });
  expect(missingEn.status).toBe(400);
  expect(missingEn.body.error.field).toBe('[0].titleEn');
  const guides = (await t.api('GET', '/api/v1/kiosk/guides')).body;
  const unknown = await t.api('PUT', '/api/v1/kiosk/guides', { as: 'admin', body: [...guides, { ...guides[0], serviceId: 'astrology' }] });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.field).toBe(`[${guides.length}].serviceId`);
  const steps = await t.api('PUT', '/api/v1/kiosk/guides', { as: 'admin', body: [{ ...guides[0], stepsEn: ['only one'] }] });
  expect(steps.status).toBe(400);
  expect(steps.body.error.field).toBe('[0].stepsEn');
  const qa = (await t.api('GET', '/api/v1/kiosk/qa')).body;
  const badCat = await t.api('PUT', '/api/v1/kiosk/qa', { as: 'admin', body: { ...qa, items: [{ ...qa.items[0], category: 'nope' }] } });
  expect(badCat.body.error.field).toBe('items[0].category');
  expect((await t.api('GET', '/api/v1/kiosk/commitments')).body).toEqual(before.body);

  const ok = await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: next });
  expect(ok.status).toBe(200);
  expect(ok.body.changes).toEqual([{ section: 'commitments', id: 'night-desk', action: 'added' }]);
  expect((await t.api('GET', '/api/v1/kiosk/commitments')).body.at(-1).title).toBe('延时服务');
  // The ledger holds the edit; the file keeps what was shown before any edit.
  const onDisk = JSON.parse(readFileSync(join(t.dataDir, 'kiosk-content', 'commitments.json'), 'utf8'));
  expect(onDisk.at(-1).id).not.toBe('night-desk');
});

it('content survives a restart; a hand-edited file that no longer validates falls back to the defaults', async () => {
  t.port = Number(new URL(t.url).port);
  await t.restart();
  expect((await t.api('GET', '/api/v1/kiosk/commitments')).body.at(-1).id).toBe('night-desk');
  expect(existsSync(join(t.dataDir, 'kiosk-content', 'qa.json'))).toBe(true);
  writeFileSync(join(t.dataDir, 'kiosk-content', 'qa.json'), '{"categories": [{"id": "broken"}]}');
  useContentDir(t.hub, t.dataDir); // forget the files read so far: the hand-edited one is read afresh
  const fallback = await t.api('GET', '/api/v1/kiosk/qa');
  expect(fallback.status).toBe(200);
  expect(fallback.body.categories[0].id).toBe('labour');
});

it('the service network: the center, then each town station before its village rooms', async () => {
  const r = await t.api('GET', '/api/v1/kiosk/network');
  expect(r.body.center).toMatchObject({ level: 'center', name: '示范县公共法律服务中心' });
  expect(r.body.points.map((p: { id: string }) => p.id)).toEqual(['baishui', 'baishui-hexi', 'qingshan', 'qingshan-taoyuan']);
  expect(r.body.points[1]).toMatchObject({ level: 'room', phone: '0000-62002', hoursEn: 'Fri 14:00–17:00' });
});

it('the staff board shows name, title, number, whereabouts and window — never a phone, username or account', async () => {
  await t.addStaff('wu.fang', 'staff', { name: '吴芳', phone: '13912345678', photo: 'data:image/png;base64,iVBORw0KGgo=' });
  await t.staffAt('wu.fang', '5');
  const r = await t.api('GET', '/api/v1/kiosk/staff-board');
  expect(r.status).toBe(200);
  const wu = r.body.find((s: { name: string }) => s.name === '吴芳');
  expect(wu).toMatchObject({ nameLatin: 'Wu Fang', employeeNo: 'WU.FANG', whereabouts: 'on-duty', windowName: '5号窗口', photo: 'data:image/png;base64,iVBORw0KGgo=' });
  const text = JSON.stringify(r.body);
  expect(text).not.toContain('13912345678');
  expect(text).not.toContain('wu.fang');
  expect(r.body.some((s: { name: string }) => s.name === '系统管理员')).toBe(false);
  expect(r.body[0].role).toBe('director');
});

it('/kiosk gets the service tiles on connect and again when a queue changes', async () => {
  const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
  const first = await once<{ id: string; waiting: number }[]>(kiosk, 'services');
  const before = first.find((s) => s.id === 'forensic')!.waiting;
  const next = once<{ id: string; waiting: number }[]>(kiosk, 'services');
  await t.issue('forensic');
  expect((await next).find((s) => s.id === 'forensic')!.waiting).toBe(before + 1);
});
