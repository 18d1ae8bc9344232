// The agent's own small JSON configuration, validated with zod; errors name the field.
//
// { "hub": "http://10.0.0.2:8080", "agentId": "kiosk-pc-1", "key": "…at least 16 characters…",
//   "outbox": "/var/lib/yichuang-agent/outbox.jsonl", "kiosks": ["K1"], "windows": [],
//   "devices": [ { "id": "printer-k1", "kind": "printer", "kiosk": "K1", "transport": "serial", "path": "/dev/ttyUSB0" } ] }
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DeviceConfigError, parseDevicesConfig, type DeviceConfig } from '../config.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be 1–40 letters, digits, - or _');

const agentConfigSchema = z.strictObject({
  hub: z.url({ protocol: /^https?$/, error: 'must be the hub address, e.g. http://10.0.0.2:8080' }),
  agentId: id,
  key: z.string().min(16, 'must be at least 16 characters'),
  /** Path of the outbox file (JSON lines); relative paths are relative to the working directory. */
  outbox: z.string().min(1, 'must be a file path'),
  kiosks: z.array(id).default([]),
  windows: z.array(id).default([]),
  devices: z.array(z.unknown()).min(1, 'an agent needs at least one device'),
  /** How long to wait for the hub's answer to a press or a print before giving up on that attempt. */
  ackTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  /** socket.io reconnect backoff (first delay, upper bound). */
  reconnectDelayMs: z.number().int().min(10).max(60_000).default(1000),
  reconnectDelayMaxMs: z.number().int().min(10).max(600_000).default(10_000),
});

export type AgentConfig = Omit<z.output<typeof agentConfigSchema>, 'devices'> & { devices: DeviceConfig[] };
export type AgentConfigInput = z.input<typeof agentConfigSchema>;

export class AgentConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid agent configuration ${source}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'AgentConfigError';
  }
}

/** Validates an agent configuration object; throws AgentConfigError listing every problem. */
export function parseAgentConfig(raw: unknown, source = '(config)'): AgentConfig {
  const result = agentConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new AgentConfigError(source, result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`));
  }
  const c = result.data;
  let devices: DeviceConfig[];
  try {
    devices = parseDevicesConfig(c.devices);
  } catch (e) {
    if (e instanceof DeviceConfigError) throw new AgentConfigError(source, e.issues.map((i) => `${i.where}${i.deviceId ? ` (id "${i.deviceId}")` : ''}: ${i.field}: ${i.message}`));
    throw e;
  }
  const problems: string[] = [];
  devices.forEach((d, i) => {
    if (d.agent !== undefined && d.agent !== c.agentId) problems.push(`devices[${i}] (id "${d.id}"): agent: "${d.agent}" is not this agent ("${c.agentId}")`);
    if ('kiosk' in d && !c.kiosks.includes(d.kiosk)) problems.push(`devices[${i}] (id "${d.id}"): kiosk: "${d.kiosk}" is not in kiosks`);
    if ('window' in d && !c.windows.includes(d.window)) problems.push(`devices[${i}] (id "${d.id}"): window: "${d.window}" is not in windows`);
  });
  if (c.reconnectDelayMaxMs < c.reconnectDelayMs) problems.push('reconnectDelayMaxMs: must not be below reconnectDelayMs');
  if (problems.length > 0) throw new AgentConfigError(source, problems);
  return { ...c, devices };
}

/** Reads and validates the agent configuration file; `overrides` (from the command line) win over it. */
export function loadAgentConfig(path: string, overrides: { hub?: string; key?: string } = {}): AgentConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AgentConfigError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AgentConfigError(path, [`not valid JSON: ${(e as Error).message}`]);
  }
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return parseAgentConfig(typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...raw, ...given } : raw, path);
}
