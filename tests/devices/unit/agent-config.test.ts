// The agent's configuration file: validated with zod, errors name the field or the device.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AgentConfigError, loadAgentConfig, parseAgentConfig } from '../../../devices/agent/config.js';

const base = {
  hub: 'http://10.0.0.2:8080',
  agentId: 'kiosk-pc-1',
  key: 'a-long-agent-key-0123',
  outbox: '/var/lib/yichuang-agent/outbox.jsonl',
  kiosks: ['K1'],
  windows: ['5'],
  devices: [
    { id: 'printer-k1', kind: 'printer', kiosk: 'K1', transport: 'tcp', host: '127.0.0.1', agent: 'kiosk-pc-1' },
    { id: 'pad-5', kind: 'rating-pad', window: '5', transport: 'hid', vendorId: 1234, productId: 5678 },
  ],
};

const problems = (raw: unknown): string[] => {
  try {
    parseAgentConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(AgentConfigError);
    return (e as AgentConfigError).problems;
  }
  throw new Error('expected an AgentConfigError');
};

it('accepts a valid configuration and fills in defaults', () => {
  const c = parseAgentConfig(base);
  expect(c).toMatchObject({ agentId: 'kiosk-pc-1', ackTimeoutMs: 10_000, reconnectDelayMs: 1000, reconnectDelayMaxMs: 10_000 });
  expect(c.devices[0]).toMatchObject({ id: 'printer-k1', port: 9100, statusQuery: true, agent: 'kiosk-pc-1' });
});

it('names the field of each problem', () => {
  expect(problems({ ...base, hub: 'ftp://x', key: 'short', agentId: 'bad id' })).toEqual([
    expect.stringMatching(/^hub: /),
    expect.stringMatching(/^agentId: must be 1–40/),
    expect.stringMatching(/^key: must be at least 16 characters/),
  ]);
  expect(problems({ ...base, outbox: undefined, extra: 1 })).toEqual(expect.arrayContaining([expect.stringMatching(/^outbox: /), expect.stringMatching(/extra/)]));
  expect(problems({ ...base, devices: [] })).toEqual(['devices: an agent needs at least one device']);
});

it('names the device of a device problem and checks kiosks, windows and agent', () => {
  expect(problems({ ...base, devices: [{ id: 'p', kind: 'printer', kiosk: 'K1', transport: 'tcp' }] })).toEqual([expect.stringMatching(/^devices\[0\] \(id "p"\): host: /)]);
  expect(
    problems({
      ...base,
      devices: [
        { id: 'printer-k2', kind: 'printer', kiosk: 'K2', transport: 'tcp', host: 'h' },
        { id: 'pad-4', kind: 'rating-pad', window: '4', transport: 'hid', vendorId: 1, productId: 2, agent: 'other' },
      ],
    }),
  ).toEqual([
    'devices[0] (id "printer-k2"): kiosk: "K2" is not in kiosks',
    'devices[1] (id "pad-4"): agent: "other" is not this agent ("kiosk-pc-1")',
    'devices[1] (id "pad-4"): window: "4" is not in windows',
  ]);
});

it('reports an unreadable file and bad JSON with the path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-config-'));
  try {
    const file = join(dir, 'agent.json');
    expect(() => loadAgentConfig(file)).toThrow(/agent\.json:\n {2}cannot read the file/);
    writeFileSync(file, '{ nope');
    expect(() => loadAgentConfig(file)).toThrow(/not valid JSON/);
    writeFileSync(file, JSON.stringify(base));
    expect(loadAgentConfig(file).agentId).toBe('kiosk-pc-1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
