// An edit of the configuration or of kiosk content names the recorded change it was made on (baseHash);
// `decide` checks it against the ledger's newest, so of two edits made on one base only the first
// holds — the check the committer runs under the shared ledger's write lock. Pure, through decide/evolve.
import { describe, expect, it } from 'vitest';
import { demoCenter } from '../../server/config/demo-center.js';
import { parseConfig } from '../../server/config/load-config.js';
import type { Command } from '../../server/domain/commands.js';
import { evolve } from '../../server/domain/evolve.js';
import { createState } from '../../server/domain/state.js';
import { DomainHarness, refusal } from '../support/domain-harness.js';

const config = () => parseConfig(demoCenter(), 'test');

/** A change-config that renames service `consult`, recorded with hash `hash`, made on `baseHash`. */
function rename(name: string, hash: string, baseHash?: string | null): Command {
  const c = config();
  c.services = c.services.map((s) => (s.id === 'consult' ? { ...s, name } : s));
  return { type: 'change-config', services: c.services, windows: c.windows, rules: c.rules, changes: [{ section: 'services', id: 'consult', action: 'updated', fields: ['name'] }], configHash: hash, source: 'admin', by: 'admin', baseHash };
}

const qa = (hash: string, baseHash?: string | null): Command => ({
  type: 'change-kiosk-content', kind: 'qa', content: { hash }, contentHash: hash, changes: [{ section: 'qa', action: 'updated' }], by: 'admin', baseHash,
});

const consultName = (h: DomainHarness) => h.state.services.get('consult')!.name;

describe('the base of a configuration edit', () => {
  it('with none recorded yet, an edit on "none" passes and one on any hash is refused', () => {
    const h = new DomainHarness(demoCenter());
    expect(refusal(() => h.run(rename('甲', 'h1', 'h0')))).toMatchObject({ kind: 'conflict', code: 'config-changed' });
    expect(h.run(rename('甲', 'h1', null)).map((e) => e.type)).toEqual(['config.changed']);
    expect(h.state.configHash).toBe('h1');
  });

  it('a second edit on the same base is refused and changes nothing; one on the newest passes', () => {
    const h = new DomainHarness(demoCenter());
    h.run(rename('甲', 'h1', null));
    h.run(rename('乙', 'h2', 'h1'));
    const stale = refusal(() => h.run(rename('丙', 'h3', 'h1')));
    expect(stale).toMatchObject({ kind: 'conflict', code: 'config-changed' });
    expect(stale.message).toMatch(/配置已被他人修改.*reload and save again/);
    expect(consultName(h)).toBe('乙');
    expect(h.state.configHash).toBe('h2');
    expect(refusal(() => h.run(rename('丙', 'h3', null))).code).toBe('config-changed'); // "none" no longer holds either
    h.run(rename('丙', 'h3', 'h2'));
    expect(consultName(h)).toBe('丙');
  });

  it('an edit without a base (the file at start, an old command) is not checked, and the base is never recorded', () => {
    const h = new DomainHarness(demoCenter());
    h.run(rename('甲', 'h1', null));
    const [e] = h.run(rename('乙', 'h2'));
    expect(consultName(h)).toBe('乙');
    expect(e!.data).not.toHaveProperty('baseHash');
  });

  it('a replay of events recorded before bases existed sets the hash in force', () => {
    const c = config();
    const state = createState({ rules: c.rules, services: c.services, windows: c.windows, day: '' });
    expect(state.configHash).toBeUndefined();
    evolve(state, { type: 'config.changed', at: 1, data: { services: c.services, windows: c.windows, rules: c.rules, changes: [], configHash: 'old', source: 'file', by: 'system' } });
    expect(state.configHash).toBe('old');
  });
});

describe('the base of a kiosk content edit', () => {
  it('per kind: the file in force is "none recorded"; a stale hash is refused and changes nothing', () => {
    const h = new DomainHarness(demoCenter());
    expect(refusal(() => h.run(qa('q1', 'file-hash')))).toMatchObject({ kind: 'conflict', code: 'content-changed' });
    h.run(qa('q1', null));
    const stale = refusal(() => h.run(qa('q2', null)));
    expect(stale.code).toBe('content-changed');
    expect(stale.message).toMatch(/内容已被他人修改.*reload and save again/);
    expect(h.state.kioskContentHashes!.get('qa')).toBe('q1');
    const [e] = h.run(qa('q2', 'q1'));
    expect(e!.data).not.toHaveProperty('baseHash');
    expect(h.state.kioskContentHashes!.get('qa')).toBe('q2');
    // Another kind still has none recorded.
    h.run({ ...qa('g1', null), kind: 'guides' } as Command);
    expect(h.state.kioskContentHashes!.get('guides')).toBe('g1');
  });
});
