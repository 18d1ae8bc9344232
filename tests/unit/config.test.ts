import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCenter } from '../../server/config/demo-center.js';
import { ConfigError, loadConfig, parseConfig } from '../../server/config/load-config.js';

const problems = (raw: unknown) => {
  try {
    parseConfig(raw, 'center.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('the built-in demo center is valid and modelled on the seeds', () => {
    const c = parseConfig(demoCenter(), 'demo');
    expect(c.services.map((s) => s.name)).toEqual(['综合接待', '法律咨询', '法律援助', '人民调解', '公证', '司法鉴定', '特殊人群服务']);
    expect(c.services.find((s) => s.id === 'special')!.discreet).toBe(true);
    expect(c.windows).toHaveLength(7);
    expect(c.windows.some((w) => w.category?.includes('军人军属'))).toBe(true);
    expect(c.kiosks.map((k) => k.id)).toEqual(['K1']);
    expect(c.rules).toMatchObject({ timeZone: 'Asia/Shanghai', greenCap: 3 });
  });

  it('names the file, the field and the problem', () => {
    const bad = demoCenter();
    bad.services[1]!.prefix = 'b1';
    bad.windows[0]!.services = ['nope'];
    expect(problems(bad)).toEqual(expect.arrayContaining([
      { field: 'services[1].prefix', message: 'must be 1–2 capital letters' },
      { field: 'windows[0].services[0]', message: 'unknown service "nope"' },
    ]));
    const dupPrefix = demoCenter();
    dupPrefix.services[2]!.prefix = 'A';
    expect(problems(dupPrefix)[0]!.field).toBe('services[2].prefix');
    const tz = demoCenter();
    tz.rules = { timeZone: 'Mars/Olympus' };
    expect(problems(tz)).toEqual([{ field: 'rules.timeZone', message: 'is not an IANA time zone' }]);
  });

  it('checks device entries through the device layer', () => {
    const c = demoCenter();
    c.devices = [{ id: 'pad-4', kind: 'rating-pad', window: '4', transport: 'serial', protocol: 'ff68', address: 999, path: '/dev/ttyUSB2' }];
    const p = problems(c);
    expect(p[0]!.field).toContain('pad-4');
    expect(p[0]!.field).toContain('address');
  });

  it('a file that is not JSON or cannot be read stops the start with its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yc-config-'));
    const file = join(dir, 'center.json');
    writeFileSync(file, '{ "center": ');
    expect(() => loadConfig(file)).toThrow(/center\.json[\s\S]*not valid JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/missing\.json[\s\S]*cannot read/);
    writeFileSync(file, JSON.stringify({ ...demoCenter(), windows: [] }));
    expect(() => loadConfig(file)).toThrow(/windows: at least one window is needed/);
  });
});
