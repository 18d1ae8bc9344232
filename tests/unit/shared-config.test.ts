// The sealed configuration several hubs on one ledger share: it opens only with the center's secret and
// under its own ref, must match the hash its ledger event recorded, and another hub keeps its own
// devices, agents, limits and seats when it takes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configHash } from '../../server/config-admin/config-hash.js';
import { SharedConfig, sameConfig, withOwnParts } from '../../server/config-admin/shared-config.js';
import { demoCenter } from '../../server/config/demo-center.js';
import { ConfigError, parseConfig } from '../../server/config/load-config.js';
import type { CenterConfig } from '../../server/config/schema.js';
import { loadSecrets } from '../../server/ledger/secrets.js';
import type { LedgerStore } from '../../server/ledger/store.js';

const dir = mkdtempSync(join(tmpdir(), 'yichuang-shared-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const center = (): CenterConfig => parseConfig({ ...demoCenter(), kiosks: [{ id: 'K1', key: 'kiosk-secret-1' }], notices: ['公告'] }, 'test');
const secret = (s: string) => loadSecrets(dir, s);

/** The two store methods over a map, as a shared store keeps them. */
function sealingStore() {
  const rows = new Map<string, Buffer>();
  const store = {
    rows,
    async putSealedConfig(ref: string, _at: number, sealed: Buffer) {
      rows.set(ref, sealed);
    },
    async sealedConfig(ref: string) {
      return rows.get(ref);
    },
  };
  return store as typeof store & LedgerStore;
}

describe('SharedConfig', () => {
  it('is only for a store that keeps sealed configurations', () => {
    expect(SharedConfig.over({} as LedgerStore, secret('center-secret-0001'))).toBeUndefined();
  });

  it('round-trips the whole configuration, keys included, without them in the sealed bytes', async () => {
    const store = sealingStore();
    const shared = SharedConfig.over(store, secret('center-secret-0001'))!;
    const config = center();
    const ref = await shared.put(config, 0);
    expect(store.rows.get(ref)!.includes(Buffer.from('kiosk-secret-1'))).toBe(false);
    const back = await shared.read(ref, configHash(config));
    expect(back!.kiosks[0]!.key).toBe('kiosk-secret-1');
    expect(sameConfig(back!, config)).toBe(true);
    expect(await shared.read('no-such-ref', configHash(config))).toBeUndefined();
  });

  it('refuses another secret, a copy moved to another ref, and a copy that is not the one the event recorded', async () => {
    const store = sealingStore();
    const shared = SharedConfig.over(store, secret('center-secret-0001'))!;
    const config = center();
    const ref = await shared.put(config, 0);
    await expect(SharedConfig.over(store, secret('another-secret-0002'))!.read(ref, configHash(config))).rejects.toThrow();
    store.rows.set('moved', store.rows.get(ref)!);
    await expect(shared.read('moved', configHash(config))).rejects.toThrow();
    await expect(shared.read(ref, configHash({ ...config, notices: ['别的公告'] }))).rejects.toThrow(/does not match/);
  });
});

describe('withOwnParts', () => {
  it('takes the shared configuration but keeps this hub\'s devices, agents, limits and seats', () => {
    const own = parseConfig({ ...center(), devices: [{ id: 'p1', kind: 'printer', kiosk: 'K1', transport: 'tcp', host: '10.0.0.9', port: 9100 }],
      rateLimits: { kioskPerMinute: 7 }, staff: [{ username: 'li.na', name: '李娜', title: '调解员', employeeNo: 'E1' }] }, 'own');
    const shared = parseConfig({ ...center(), notices: ['新公告'], kiosks: [{ id: 'K1', key: 'kiosk-secret-new' }] }, 'shared');
    const merged = withOwnParts(shared, own);
    expect(merged.notices).toEqual(['新公告']);
    expect(merged.kiosks[0]!.key).toBe('kiosk-secret-new');
    expect(merged.devices).toEqual(own.devices);
    expect(merged.rateLimits.kioskPerMinute).toBe(7);
    expect(merged.staff.map((s) => s.username)).toEqual(['li.na']);
    // This hub's printer stands at a kiosk the shared configuration removed: said, not taken.
    expect(() => withOwnParts(parseConfig({ ...center(), kiosks: [] }, 'shared'), own)).toThrow(ConfigError);
  });
});
