// Configuration edited over the API and applied live through the real hub: validation with the file's
// schema, the open-hall refusals, screens and services following without a restart, the audit trail,
// persistence across restarts, the source file winning when it was edited, and the export.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load-config.js';
import { once, startTestHub, TestHub, testConfig, type ApiReply } from '../support/hub-harness.js';
import { ledgerFileBytes } from '../support/test-store.js';

let t: TestHub & { cleanup(): Promise<void> };
let lin: string;
let linId: string;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  t = await startTestHub({ config: { ...testConfig(), windows: testConfig().windows!.map((w) => (w.id === '2' ? { ...w, screenKey: 'old-screen-key' } : w)) } });
  await t.addStaff('liang.zheng', 'director');
  linId = await t.addStaff('lin.qiao');
  lin = await t.staffAt('lin.qiao', '2');
});
afterAll(() => t.cleanup());

const put = (path: string, body: unknown, headers: Record<string, string> = {}) => t.api('PUT', `/api/v1/config${path}`, { as: 'admin', body, headers });
const service = (id: string) => t.hub.config.services.find((s) => s.id === id)!;
const expectUnchanged = async (before: string) => expect((await t.api('GET', '/api/v1/config', { as: 'admin' })).body.configHash).toBe(before);

describe('reading', () => {
  it('gives admin the whole configuration, the director one without keys, staff nothing', async () => {
    const admin = await t.api('GET', '/api/v1/config', { as: 'admin' });
    expect(admin.status).toBe(200);
    expect(admin.body.config.windows.find((w: any) => w.id === '2').screenKey).toBe('old-screen-key');
    expect(admin.body.configHash).toMatch(/^[0-9a-f]{64}$/);
    const director = await t.api('GET', '/api/v1/config', { as: 'liang.zheng' });
    expect(director.body.config.windows.find((w: any) => w.id === '2').screenKey).toBe('(set)');
    expect(JSON.stringify(director.body)).not.toContain('old-screen-key');
    expect((await t.api('GET', '/api/v1/config', { token: lin })).status).toBe(403);
    expect((await t.api('PUT', '/api/v1/config/services/consult', { as: 'liang.zheng', body: {} })).status).toBe(403);
  });
});

describe('services', () => {
  it('changes a service live: the services list and the hall screen follow, the change is audited', async () => {
    const hall = t.socket('/display', { room: 'hall' });
    await once(hall, 'snapshot');
    const next = once(hall, 'snapshot');
    const body = { ...service('consult'), name: '法律咨询（律师值班）', materials: ['本人居民身份证', '合同'] } as Record<string, unknown>;
    delete body.id;
    const r = await put('/services/consult', body);
    expect(r.status).toBe(200);
    expect(r.body.changes).toEqual([{ section: 'services', id: 'consult', action: 'updated', fields: ['materials', 'name'] }]);
    const snap = await next;
    expect(snap.services.find((s: any) => s.id === 'consult').name).toBe('法律咨询（律师值班）');
    const list = await t.api('GET', '/api/v1/services');
    expect(list.body.find((s: any) => s.id === 'consult')).toMatchObject({ name: '法律咨询（律师值班）', materials: ['本人居民身份证', '合同'] });
    const audit = await t.api('GET', '/api/v1/audit/changes', { as: 'liang.zheng' });
    expect(audit.body[0]).toMatchObject({ type: 'config.changed', by: '系统管理员', source: 'admin', changes: r.body.changes, configHash: r.body.configHash });
  });

  it('answers an invalid service with 400 naming the field, and changes nothing', async () => {
    const before = (await t.api('GET', '/api/v1/config', { as: 'admin' })).body.configHash;
    const base = { ...service('consult') } as Record<string, unknown>;
    delete base.id;
    const bad = await put('/services/consult', { ...base, prefix: 'b1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('prefix');
    const dup = await put('/services/consult', { ...base, prefix: 'C' }); // legal aid's
    expect(dup.status).toBe(400);
    expect(dup.body.error.field).toBe('prefix');
    expect(dup.body.error.message).toContain('already used');
    expect((await put('/services/consult', { ...base, timeLimitMinutes: 0 })).body.error.field).toBe('timeLimitMinutes');
    const unknownWindowService = await put('/windows/2', { name: '2号窗口', services: ['nope'] });
    expect(unknownWindowService.body.error.field).toBe('services[0]');
    await expectUnchanged(before);
  });

  it('refuses to remove a service with waiting tickets (409), and keeps numbers unique across a prefix change', async () => {
    const b = await t.issue('consult');
    expect(b.body.number).toBe('B001');
    await t.issue('reception');
    // reception is served by windows 1 and 3 besides other services: removing it is possible but for the waiting ticket
    const del = await t.api('DELETE', '/api/v1/config/services/reception', { as: 'admin' });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('service-in-use');
    expect(service('reception')).toBeDefined();
    // consult is window 2's only service: removing it would leave window 2 with none
    expect((await t.api('DELETE', '/api/v1/config/services/consult', { as: 'admin' })).body.error.field).toBe('windows[1].services');
    const body = { ...service('consult'), prefix: 'H' } as Record<string, unknown>;
    delete body.id;
    expect((await put('/services/consult', body)).status).toBe(200);
    expect((await t.issue('consult')).body.number).toBe('H002');
    // B numbered consult today: another service may not take it before tomorrow
    const reception = { ...service('reception'), prefix: 'B' } as Record<string, unknown>;
    delete reception.id;
    const taken = await put('/services/reception', reception);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'prefix-used-today', field: 'prefix' });
    // an unused service can go
    const gone = await t.api('DELETE', '/api/v1/config/services/forensic', { as: 'admin' });
    expect(gone.body.changes).toEqual([{ section: 'services', id: 'forensic', action: 'removed' }, { section: 'windows', id: '6', action: 'updated', fields: ['services'] }]);
    expect(t.hub.config.windows.find((w) => w.id === '6')!.services).toEqual(['notary']);
    expect((await t.api('GET', '/api/v1/services')).body.map((s: any) => s.id)).not.toContain('forensic');
    expect((await t.issue('forensic')).status).toBe(404);
  });
});

describe('windows and kiosks', () => {
  it('adds a window that staff can sign in at and whose screen can connect, at once', async () => {
    const r = await put('/windows/8', { name: '8号窗口', nameEn: 'Window 8', category: '法律咨询', services: ['consult'], posts: { A: 'lin.qiao' } });
    expect(r.status).toBe(200);
    expect(r.body.changes).toEqual([{ section: 'windows', id: '8', action: 'added' }]);
    const screen = t.socket('/display', { room: 'window:8' });
    expect((await once(screen, 'snapshot')).window).toMatchObject({ id: '8', name: '8号窗口', status: 'closed' });
    const song = await t.staffAt('song.yu', '8');
    const called = await t.api('POST', '/api/v1/windows/8/call-next', { token: song });
    expect(called.status).toBe(200);
    expect(called.body.window.posts.A.name).toBe('测试lin.qiao');
    // a staffed window cannot be removed
    expect((await t.api('DELETE', '/api/v1/config/windows/8', { as: 'admin' })).body.error.code).toBe('window-in-use');
    const post = await put('/windows/8', { name: '8号窗口', services: ['consult'], posts: { A: 'lin.qiao', B: 'nobody' } });
    expect(post.body.error).toMatchObject({ code: 'unknown-staff', field: 'posts.B' });
  });

  it('puts a new screen key in force at once and keeps it out of the ledger and the audit trail', async () => {
    const w2 = { ...t.hub.config.windows.find((w) => w.id === '2')!, screenKey: 'new-screen-key-2' } as Record<string, unknown>;
    delete w2.id;
    const r = await put('/windows/2', w2);
    expect(r.body.changes).toEqual([{ section: 'windows', id: '2', action: 'updated', fields: ['screenKey'] }]);
    await t.api('POST', '/api/v1/windows/2/call-next', { token: lin });
    await t.api('POST', '/api/v1/windows/2/finish', { token: lin, body: {} });
    const rate = (key: string) => t.api('POST', '/api/v1/windows/2/rating', { body: { score: 'satisfied' }, headers: { 'x-screen-key': key } });
    expect((await rate('old-screen-key')).status).toBe(403);
    expect((await rate('new-screen-key-2')).status).toBe(201);
    const audit = await t.api('GET', '/api/v1/audit/changes', { as: 'admin' });
    expect(JSON.stringify(audit.body)).not.toContain('new-screen-key-2');
    const files = await ledgerFileBytes(t.dataDir);
    expect(files.some((f) => f.includes(Buffer.from('new-screen-key-2')))).toBe(false);
  });

  it('gives connected kiosks the new service tiles and lets a removed kiosk go', async () => {
    const k1 = t.socket('/kiosk', { kiosk: 'K1' });
    await once(k1, 'services');
    const tiles = once(k1, 'services');
    const body = { ...service('notary'), name: '公证（预约）' } as Record<string, unknown>;
    delete body.id;
    expect((await put('/services/notary', body)).status).toBe(200);
    expect((await tiles).find((s: any) => s.id === 'notary').name).toBe('公证（预约）');
    expect((await put('/kiosks/K9', { name: '临时取号机' })).status).toBe(200);
    const k9 = t.socket('/kiosk', { kiosk: 'K9' });
    await once(k9, 'services');
    const gone = once(k9, 'disconnect');
    expect((await t.api('DELETE', '/api/v1/config/kiosks/K9', { as: 'admin' })).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });

  it('adds a kiosk with a key that takes effect at once', async () => {
    expect((await put('/kiosks/K2', { name: '二楼取号机', key: 'kiosk-key-2222' })).status).toBe(200);
    expect((await t.api('POST', '/api/v1/tickets', { body: { serviceId: 'consult', kioskId: 'K2' } })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/tickets', { body: { serviceId: 'consult', kioskId: 'K2' }, headers: { 'x-kiosk-key': 'kiosk-key-2222' } })).status).toBe(201);
  });
});

describe('sections, concurrency and what needs a restart', () => {
  it('changes the hall notices: the settings route serves them and screens are told', async () => {
    const hall = t.socket('/display', { room: 'hall' });
    await once(hall, 'snapshot');
    const told = once(hall, 'settings');
    expect((await put('/sections/notices', ['今日下午律师值班至 17:30'])).status).toBe(200);
    await told;
    expect((await t.api('GET', '/api/v1/screens/settings')).body.notices).toEqual(['今日下午律师值班至 17:30']);
    expect((await put('/sections/notices', ['x'.repeat(201)])).body.error.field).toBe('[0]');
    expect((await put('/sections/rules', { ...t.hub.config.rules, greenCap: 0 })).body.error.field).toBe('greenCap');
    expect((await put('/sections/retention', { personalDataDays: 400 })).status).toBe(200);
    expect(t.hub.config.retention.personalDataDays).toBe(400);
  });

  it('refuses a stale If-Match and device changes (restart needed); a whole-file PUT works', async () => {
    const current = (await t.api('GET', '/api/v1/config', { as: 'admin' })).body;
    const stale = await put('/sections/notices', ['A'], { 'if-match': '0'.repeat(64) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('config-changed');
    const devices = await put('', { ...current.config, devices: [{ id: 'printer-k1', kind: 'printer', kiosk: 'K1', transport: 'tcp', host: '10.0.0.50', port: 9100 }] }, { 'if-match': current.configHash });
    expect(devices.status).toBe(409);
    expect(devices.body.error.code).toBe('restart-needed');
    const whole = await put('', { ...current.config, center: { ...current.config.center, hotline: '12348-1' } }, { 'if-match': current.configHash });
    expect(whole.status).toBe(200);
    expect(whole.body.changes).toEqual([{ section: 'center', action: 'updated', fields: ['hotline'] }]);
  });
});

describe('staff records', () => {
  it('changes title and phone (sealed, masked in lists, never public) and the window screen shows the title', async () => {
    const screen = t.socket('/display', { room: 'window:2' }, { screenKey: t.hub.config.windows.find((w) => w.id === '2')!.screenKey! });
    await once(screen, 'snapshot');
    const next = once(screen, 'snapshot');
    expect((await t.api('PUT', `/api/v1/config/staff/${linId}`, { as: 'admin', body: { title: '执业律师', phone: '13600001111' } })).status).toBe(204);
    expect((await next).window.staff).toMatchObject({ name: '测试lin.qiao', title: '执业律师' });
    const list = await t.api('GET', '/api/v1/config/staff', { as: 'admin' });
    expect(list.body.find((s: any) => s.id === linId)).toMatchObject({ title: '执业律师', phoneMasked: '136****1111' });
    expect(JSON.stringify((await t.api('GET', '/api/v1/staff')).body)).not.toContain('13600001111');
    expect((await ledgerFileBytes(t.dataDir)).some((f) => f.includes(Buffer.from('13600001111')))).toBe(false);
    expect((await t.api('PUT', `/api/v1/config/staff/${linId}`, { as: 'admin', body: { phone: '12ab' } })).body.error.field).toBe('phone');
    expect((await t.api('PUT', `/api/v1/config/staff/${linId}`, { token: lin, body: { title: 'x' } })).status).toBe(403);
    expect((await t.api('PUT', '/api/v1/config/staff/nobody', { as: 'admin', body: { title: 'x' } })).status).toBe(404);
  });

  it('keeps an English title (职务（英文）) from creation and edits, on the staff board and the window views; a bad one changes nothing', async () => {
    const boardEntry = async (id: string) => (await t.api('GET', '/api/v1/kiosk/staff-board')).body.find((s: { id: string }) => s.id === id);
    const heId = await t.addStaff('he.lan', 'staff', { titleEn: 'Legal aid officer' });
    expect(await boardEntry(heId)).toMatchObject({ title: '工作人员', titleEn: 'Legal aid officer' });
    expect((await t.api('GET', '/api/v1/staff')).body.find((s: { id: string }) => s.id === heId).titleEn).toBe('Legal aid officer');

    const screen = t.socket('/display', { room: 'window:2' }, { screenKey: t.hub.config.windows.find((w) => w.id === '2')!.screenKey! });
    await once(screen, 'snapshot');
    const next = once(screen, 'snapshot');
    expect((await t.api('PUT', `/api/v1/config/staff/${linId}`, { as: 'admin', body: { titleEn: '  Practising lawyer ' } })).status).toBe(204);
    const snapshot = await next;
    expect(snapshot.window.staff).toMatchObject({ title: '执业律师', titleEn: 'Practising lawyer' });
    expect(snapshot.windows.find((w: { id: string }) => w.id === '2').staff.titleEn).toBe('Practising lawyer');
    expect(await boardEntry(linId)).toMatchObject({ title: '执业律师', titleEn: 'Practising lawyer' });
    const admin = (await t.api('GET', '/api/v1/config/staff', { as: 'admin' })).body;
    expect(admin.find((s: { id: string }) => s.id === linId).titleEn).toBe('Practising lawyer');
    expect(admin.find((s: { id: string }) => s.id === heId).titleEn).toBe('Legal aid officer');

    // too long, empty or not a string: 400 naming the field, no event, no account
    const events = async () => (await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.events as number;
    const before = await events();
    for (const titleEn of ['x'.repeat(61), '  ', 42]) {
      const edit = await t.api('PUT', `/api/v1/config/staff/${linId}`, { as: 'admin', body: { title: '律师', titleEn } });
      expect([edit.status, edit.body.error.field]).toEqual([400, 'titleEn']);
    }
    const created = await t.api('POST', '/api/v1/staff', {
      as: 'admin', body: { username: 'xu.ke', password: 'pw-xu.ke-123', name: '许可', title: '工作人员', employeeNo: 'XK01', titleEn: 'x'.repeat(61) },
    });
    expect([created.status, created.body.error.field]).toEqual([400, 'titleEn']);
    expect(await events()).toBe(before);
    expect(await boardEntry(linId)).toMatchObject({ title: '执业律师', titleEn: 'Practising lawyer' });
    expect((await t.api('GET', '/api/v1/staff')).body.some((s: { employeeNo: string }) => s.employeeNo === 'XK01')).toBe(false);

    // null removes it: the screens fall back to the Chinese title
    expect((await t.api('PUT', `/api/v1/config/staff/${heId}`, { as: 'admin', body: { titleEn: null } })).status).toBe(204);
    expect((await boardEntry(heId)).titleEn).toBeNull();
    const changes = (await t.api('GET', '/api/v1/audit/changes', { as: 'admin' })).body;
    expect(changes[0].changes[0]).toMatchObject({ section: 'staff', id: 'he.lan', action: 'updated', fields: ['titleEn'] });
  });

  it('stores a checked photo in the data folder and serves it for the seat card', async () => {
    const up = (body: unknown, as = 'admin') => t.api('POST', `/api/v1/config/staff/${linId}/photo`, { as, body });
    const r = await up({ contentType: 'image/png', data: PNG.toString('base64') });
    expect(r.status).toBe(200);
    expect(r.body.photo).toMatch(new RegExp(`^/api/v1/staff/${linId}/photo\\?v=[0-9a-f]{12}$`));
    expect(readFileSync(join(t.dataDir, 'photos', `${linId}.png`)).equals(PNG)).toBe(true);
    const res = await fetch(`${t.url}${r.body.photo}`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await t.api('GET', '/api/v1/staff')).body.find((s: any) => s.id === linId).photo).toBe(r.body.photo);
    expect((await up({ contentType: 'image/jpeg', data: PNG.toString('base64') })).body.error).toMatchObject({ code: 'invalid-photo', field: 'data' });
    expect((await up({ contentType: 'image/gif', data: PNG.toString('base64') })).body.error.field).toBe('contentType');
    const big = Buffer.concat([PNG, Buffer.alloc(520 * 1024)]);
    expect((await up({ contentType: 'image/png', data: big.toString('base64') })).status).toBe(413);
    expect((await up({ contentType: 'image/png', data: PNG.toString('base64') }, 'lin.qiao')).status).toBe(403);
  });
});

describe('persistence and export', () => {
  let exported: ApiReply;

  it('exports a file that YICHUANG_CONFIG accepts, with the changes and the staff seats (no phones)', async () => {
    exported = await t.api('GET', '/api/v1/config/export', { as: 'admin' });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('yichuang.config.json');
    const file = join(t.dataDir, 'exported.json');
    writeFileSync(file, exported.text);
    const loaded = loadConfig(file).config;
    expect(loaded.services.find((s) => s.id === 'consult')).toMatchObject({ prefix: 'H', name: '法律咨询（律师值班）' });
    expect(loaded.windows.map((w) => w.id)).toContain('8');
    expect(loaded.staff.map((s) => s.username).sort()).toEqual(['he.lan', 'liang.zheng', 'lin.qiao', 'song.yu']);
    expect(loaded.staff.find((s) => s.username === 'lin.qiao')).toMatchObject({ title: '执业律师', titleEn: 'Practising lawyer' });
    expect(loaded.staff.find((s) => s.username === 'he.lan')!.titleEn).toBeUndefined();
    expect(exported.text).not.toContain('13600001111');
    expect((await t.api('GET', '/api/v1/config/export', { as: 'liang.zheng' })).status).toBe(403);
  });

  it('keeps the live configuration across a restart (0600 in the data folder) and the ledger verifies', async () => {
    expect(statSync(join(t.dataDir, 'center-config.json')).mode & 0o777).toBe(0o600);
    await t.restart();
    t.tokens.clear();
    expect((await t.api('GET', '/api/v1/services')).body.find((s: any) => s.id === 'consult').name).toBe('法律咨询（律师值班）');
    expect(t.hub.state.windowDefs.get('2')!.screenKey).toBe('new-screen-key-2');
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
    // replayed: English titles set, removed, and never given (events from before titleEn existed have no such key)
    const staff = (await t.api('GET', '/api/v1/staff')).body;
    expect(staff.find((s: any) => s.id === linId)).toMatchObject({ title: '执业律师', titleEn: 'Practising lawyer' });
    expect(staff.filter((s: any) => s.titleEn !== null).map((s: any) => s.id)).toEqual([linId]);
    const changes = (await t.api('GET', '/api/v1/audit/changes', { as: 'admin' })).body;
    expect(changes.filter((c: any) => c.type === 'config.changed' && c.source === 'file')).toEqual([]);
  });

  it('lets an edited source file win at the next start, recorded as a change from the file', async () => {
    await t.stop();
    const edited = { ...testConfig(), notices: ['文件中的新公告'] };
    const next = new TestHub(t.dataDir, edited, t.clock);
    await next.start();
    try {
      expect(next.hub.config.notices).toEqual(['文件中的新公告']);
      expect(next.hub.state.services.get('consult')!.prefix).toBe('B'); // the file's, not the admin's H
      const changes = (await next.api('GET', '/api/v1/audit/changes', { as: 'admin' })).body;
      expect(changes[0]).toMatchObject({ type: 'config.changed', source: 'file', byId: 'system' });
      expect(changes[0].changes[0]).toEqual({ section: 'file', action: 'updated' });
      expect((await next.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
    } finally {
      await next.stop();
      await t.start(); // cleanup stops it again
    }
  });
});
