// The pure parts around a live configuration change: the audit lines (diff), what a hash and a
// director may see (no secrets), field names relative to the edited item, and the data-folder copy that
// wins over the source file only while that file is unchanged.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffConfig } from '../../server/config-admin/config-diff.js';
import { configHash, redactedConfig } from '../../server/config-admin/config-hash.js';
import { relativeField } from '../../server/config-admin/live-config.js';
import { LIVE_CONFIG_FILE, openLiveConfig, saveLiveConfig } from '../../server/config-admin/live-config-file.js';
import { demoCenter } from '../../server/config/demo-center.js';
import { parseConfig } from '../../server/config/load-config.js';
import type { CenterConfig } from '../../server/config/schema.js';

const base = (): CenterConfig => parseConfig({ ...demoCenter(), kiosks: [{ id: 'K1', key: 'kiosk-secret-1' }], windows: demoCenter().windows!.map((w) => ({ ...w, screenKey: `screen-secret-${w.id}` })) }, 'test');

describe('diffConfig', () => {
  it('names added, removed and changed items with the fields touched', () => {
    const a = base();
    const b = structuredClone(a);
    b.services = b.services.filter((s) => s.id !== 'forensic').map((s) => (s.id === 'consult' ? { ...s, name: '新名称', timeLimitMinutes: 40 } : s));
    b.windows = b.windows.map((w) => (w.id === '6' ? { ...w, services: ['notary'] } : w));
    b.kiosks.push({ id: 'K2', idleSeconds: 30 });
    b.notices = ['新公告'];
    b.rules = { ...b.rules, greenCap: 4 };
    expect(diffConfig(a, b)).toEqual([
      { section: 'services', id: 'consult', action: 'updated', fields: ['name', 'timeLimitMinutes'] },
      { section: 'services', id: 'forensic', action: 'removed' },
      { section: 'windows', id: '6', action: 'updated', fields: ['services'] },
      { section: 'kiosks', id: 'K2', action: 'added' },
      { section: 'notices', action: 'updated' },
      { section: 'rules', action: 'updated', fields: ['greenCap'] },
    ]);
    expect(diffConfig(a, structuredClone(a))).toEqual([]);
  });

  it('records a move as an order change, and never staff seats', () => {
    const a = base();
    const b = structuredClone(a);
    b.services = [b.services[1]!, b.services[0]!, ...b.services.slice(2)];
    b.staff = [];
    expect(diffConfig(a, b)).toEqual([{ section: 'services', action: 'updated', fields: ['order'] }]);
  });

  it('names a changed key but never its value', () => {
    const a = base();
    const b = structuredClone(a);
    b.kiosks[0]!.key = 'kiosk-secret-2';
    const changes = diffConfig(a, b);
    expect(changes).toEqual([{ section: 'kiosks', id: 'K1', action: 'updated', fields: ['key'] }]);
    expect(JSON.stringify(changes)).not.toContain('secret');
  });
});

describe('configHash and redaction', () => {
  it('hides keys and staff phones, and the hash does not depend on key values', () => {
    const a = base();
    a.staff = [{ username: 'lin.qiao', name: '林乔', title: '律师', employeeNo: 'L1', role: 'staff', phone: '13800001111' }];
    const shown = JSON.stringify(redactedConfig(a));
    expect(shown).not.toContain('secret');
    expect(shown).not.toContain('13800001111');
    expect(shown).toContain('"screenKey":"(set)"');
    const b = structuredClone(a);
    b.windows[0]!.screenKey = 'another-secret';
    expect(configHash(b)).toBe(configHash(a));
    b.notices = ['x'];
    expect(configHash(b)).not.toBe(configHash(a));
  });
});

describe('relativeField', () => {
  it('maps a field of the edited item, a sibling flagged for a duplicate, and a section', () => {
    expect(relativeField('services[2].prefix', 'services[2]')).toBe('prefix');
    expect(relativeField('services[4].prefix', 'services[2]')).toBe('prefix');
    expect(relativeField('windows[1].services', 'services[2]')).toBe('windows[1].services');
    expect(relativeField('rules.greenCap', 'rules')).toBe('greenCap');
    expect(relativeField('notices[0]', 'notices')).toBe('[0]');
    expect(relativeField('center.name', undefined)).toBe('center.name');
  });
});

describe('the live copy in the data folder', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('wins while the source file is unchanged; an edited source wins and the old copy is kept aside', () => {
    dir = mkdtempSync(join(tmpdir(), 'yichuang-live-'));
    const log: string[] = [];
    const source = base();
    const start = openLiveConfig(source, dir, (l) => log.push(l));
    expect(start.config).toBe(source);
    const edited = { ...structuredClone(source), notices: ['管理后台改的公告'] };
    saveLiveConfig(start, edited, Date.parse('2026-11-23T09:00:00+08:00'));
    expect(openLiveConfig(source, dir, (l) => log.push(l)).config.notices).toEqual(['管理后台改的公告']);
    const newSource = { ...structuredClone(source), notices: ['技术人员改的公告'] };
    expect(openLiveConfig(newSource, dir, (l) => log.push(l)).config.notices).toEqual(['技术人员改的公告']);
    expect(readdirSync(dir)).toEqual([`${LIVE_CONFIG_FILE}.superseded`]);
    expect(log.join('\n')).toContain('the configuration file changed');
  });

  it('falls back to the source file when the copy is unreadable or invalid', () => {
    dir = mkdtempSync(join(tmpdir(), 'yichuang-live-'));
    const source = base();
    const log: string[] = [];
    writeFileSync(join(dir, LIVE_CONFIG_FILE), '{ not json');
    expect(openLiveConfig(source, dir, (l) => log.push(l)).config).toBe(source);
    const start = openLiveConfig(source, dir, () => {});
    saveLiveConfig(start, { ...source, services: [] } as unknown as CenterConfig, 0);
    expect(openLiveConfig(source, dir, (l) => log.push(l)).config).toBe(source);
    expect(log.join('\n')).toMatch(/unreadable[\s\S]*at least one service/);
  });
});
