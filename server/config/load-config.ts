// Reads and validates the center configuration. A bad file stops the start with the file, the field and
// the reason; no file means the built-in demo center.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { DeviceConfigError, parseDevicesConfig } from '../../devices/config.js';
import { demoCenter } from './demo-center.js';
import { configSchema, type CenterConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: { field: string; message: string }[]) {
    super(`invalid configuration ${file}:\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  config: CenterConfig;
  source: string;
  demo: boolean;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(root)';
}

export function parseConfig(raw: unknown, file: string): CenterConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(file, result.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })));
  try {
    // The device layer owns the detailed device shapes; a bad entry stops the start like any other field.
    parseDevicesConfig(result.data.devices);
  } catch (err) {
    if (!(err instanceof DeviceConfigError)) throw err;
    throw new ConfigError(file, err.issues.map((i) => ({ field: `${i.where}${i.deviceId ? ` (id "${i.deviceId}")` : ''}.${i.field}`, message: i.message })));
  }
  return result.data;
}

export function loadConfig(envPath: string | undefined, cwd = process.cwd()): LoadedConfig {
  const file = envPath ? resolve(cwd, envPath) : resolve(cwd, 'yichuang.config.json');
  if (!envPath && !existsSync(file)) return { config: parseConfig(demoCenter(), 'built-in demo center'), source: 'built-in demo center', demo: true };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ field: '(file)', message: `cannot read: ${(err as Error).message}` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [{ field: '(file)', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  return { config: parseConfig(raw, file), source: file, demo: false };
}

