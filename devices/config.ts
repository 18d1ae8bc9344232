// The `devices` entries of the center configuration (shared/CONTRACT.md), validated with zod.
// Each entry is checked on its own so that an error names the device id and the field; then the
// entries are checked together (ids, shared serial buses, one printer and reader per kiosk).

import { z } from 'zod';
import type { KeyAction, RatingScore } from './contract.js';

const KEY_ACTIONS = ['call-next', 'recall', 'ask-rating', 'pause', 'transfer', 'abandon', 'call-back'] as const satisfies readonly KeyAction[];
const RATING_SCORES = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied'] as const satisfies readonly RatingScore[];

const text = z.string().trim().min(1);
const baudRate = z.number().int().positive();
const usbId = z.number().int().min(0).max(0xffff);
const padKey = z.enum(['1', '2', '3', '4']);

/** `agent`: run by that device agent (on a kiosk/window PC) instead of the hub process. */
const common = { id: text, name: text.optional(), agent: text.optional() };
const serial = { transport: z.literal('serial'), path: text };
const ff68 = { ...serial, protocol: z.literal('ff68'), address: z.number().int().min(0).max(255), baudRate: baudRate.default(9600) };
const hid = { transport: z.literal('hid'), vendorId: usbId, productId: usbId };

const printerSchema = z.discriminatedUnion('transport', [
  z.strictObject({ ...common, kind: z.literal('printer'), kiosk: text, ...serial, baudRate: baudRate.default(9600), statusQuery: z.boolean().default(true) }),
  z.strictObject({
    ...common, kind: z.literal('printer'), kiosk: text, transport: z.literal('tcp'), host: text,
    port: z.number().int().min(1).max(65535).default(9100), statusQuery: z.boolean().default(true),
  }),
  // Status over usblp needs a bidirectional printer; off unless the configuration says it answers.
  z.strictObject({ ...common, kind: z.literal('printer'), kiosk: text, transport: z.literal('usblp'), path: text, statusQuery: z.boolean().default(false) }),
]);

const idcardSchema = z.discriminatedUnion('transport', [
  z.strictObject({ ...common, kind: z.literal('idcard'), kiosk: text, ...serial, baudRate: baudRate.default(115200) }),
]);

const ratingPadSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    ...common, kind: z.literal('rating-pad'), window: text, ...ff68,
    /** Level of each key index 0–3, for pad models that order their keys differently. */
    ratingKeys: z.array(z.enum(RATING_SCORES)).length(4).optional(),
  }),
  z.strictObject({ ...common, kind: z.literal('rating-pad'), window: text, ...hid, keys: z.partialRecord(padKey, z.enum(RATING_SCORES)).optional() }),
]);

const keypadSchema = z.discriminatedUnion('transport', [
  z.strictObject({ ...common, kind: z.literal('keypad'), window: text, ...ff68 }),
  z.strictObject({ ...common, kind: z.literal('keypad'), window: text, ...hid, keys: z.partialRecord(padKey, z.enum(KEY_ACTIONS)).optional() }),
]);

const SCHEMA_BY_KIND = {
  printer: printerSchema,
  idcard: idcardSchema,
  'rating-pad': ratingPadSchema,
  keypad: keypadSchema,
} as const;

export type PrinterConfig = z.infer<typeof printerSchema>;
export type IdCardConfig = z.infer<typeof idcardSchema>;
export type RatingPadConfig = z.infer<typeof ratingPadSchema>;
export type KeypadConfig = z.infer<typeof keypadSchema>;
export type DeviceConfig = PrinterConfig | IdCardConfig | RatingPadConfig | KeypadConfig;
export type Ff68DeviceConfig = Extract<RatingPadConfig | KeypadConfig, { protocol: 'ff68' }>;
export type HidDeviceConfig = Extract<RatingPadConfig | KeypadConfig, { transport: 'hid' }>;

export interface DeviceConfigIssue {
  /** e.g. "devices[2]" */
  where: string;
  deviceId?: string;
  field: string;
  message: string;
}

export class DeviceConfigError extends Error {
  constructor(readonly issues: DeviceConfigIssue[]) {
    super(`invalid device configuration:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'DeviceConfigError';
  }
}

function formatIssue(i: DeviceConfigIssue): string {
  const who = i.deviceId ? `${i.where} (id "${i.deviceId}")` : i.where;
  return `  ${who}: ${i.field}: ${i.message}`;
}

/** Validates the `devices` array; throws DeviceConfigError listing every problem found. */
export function parseDevicesConfig(raw: unknown): DeviceConfig[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new DeviceConfigError([{ where: 'devices', field: '(list)', message: 'must be an array' }]);
  const issues: DeviceConfigIssue[] = [];
  const parsed: DeviceConfig[] = [];
  raw.forEach((entry, index) => {
    const where = `devices[${index}]`;
    const deviceId = typeof entry?.id === 'string' ? entry.id : undefined;
    const kind = entry?.kind as unknown;
    const schema = typeof kind === 'string' ? SCHEMA_BY_KIND[kind as keyof typeof SCHEMA_BY_KIND] : undefined;
    if (!schema) {
      issues.push({ where, deviceId, field: 'kind', message: `must be one of ${Object.keys(SCHEMA_BY_KIND).join(', ')}` });
      return;
    }
    const result = schema.safeParse(entry);
    if (result.success) parsed.push(result.data);
    else for (const issue of result.error.issues) issues.push({ where, deviceId, field: fieldOf(issue), message: issue.message });
  });
  issues.push(...crossCheck(parsed));
  if (issues.length > 0) throw new DeviceConfigError(issues);
  return parsed;
}

function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length > 0 ? issue.path.join('.') : '(entry)';
}

function crossCheck(devices: DeviceConfig[]): DeviceConfigIssue[] {
  const issues: DeviceConfigIssue[] = [];
  const at = (d: DeviceConfig): Pick<DeviceConfigIssue, 'where' | 'deviceId'> => ({ where: `devices[${devices.indexOf(d)}]`, deviceId: d.id });
  const firstBy = new Map<string, DeviceConfig>();
  const claim = (key: string, d: DeviceConfig, field: string, message: (other: DeviceConfig) => string): void => {
    const other = firstBy.get(key);
    if (other) issues.push({ ...at(d), field, message: message(other) });
    else firstBy.set(key, d);
  };

  for (const d of devices) {
    claim(`id:${d.id}`, d, 'id', () => 'used by another device');
    if (d.kind === 'printer' || d.kind === 'idcard') {
      claim(`${d.kind}@kiosk:${d.kiosk}`, d, 'kiosk', (o) => `kiosk ${d.kiosk} already has ${d.kind} "${o.id}"`);
    } else {
      claim(`${d.kind}@window:${d.window}`, d, 'window', (o) => `window ${d.window} already has ${d.kind} "${o.id}"`);
    }
    if (d.transport === 'hid') claim(`hid:${d.vendorId}:${d.productId}`, d, 'vendorId', (o) => `same USB id as "${o.id}"`);
  }

  // A serial path is one device, or one FF68 bus whose devices agree on speed and differ in address.
  const byPath = new Map<string, DeviceConfig[]>();
  for (const d of devices) if (d.transport === 'serial' || d.transport === 'usblp') byPath.set(d.path, [...(byPath.get(d.path) ?? []), d]);
  for (const [path, group] of byPath) {
    const [first, ...rest] = group as [DeviceConfig, ...DeviceConfig[]];
    for (const d of rest) {
      if (!isFf68(first) || !isFf68(d)) {
        issues.push({ ...at(d), field: 'path', message: `${path} is already used by "${first.id}"; only FF68 pads and keypads share a port` });
      } else if (d.baudRate !== first.baudRate) {
        issues.push({ ...at(d), field: 'baudRate', message: `${d.baudRate} differs from ${first.baudRate} of "${first.id}" on the same bus` });
      }
    }
    const ff68 = group.filter(isFf68);
    for (const d of ff68) {
      const clash = ff68.find((o) => o !== d && o.kind === d.kind && o.address === d.address);
      if (clash && ff68.indexOf(clash) < ff68.indexOf(d)) {
        issues.push({ ...at(d), field: 'address', message: `address ${d.address} on ${path} is already ${d.kind} "${clash.id}"` });
      }
    }
  }
  return issues;
}

export function isFf68(d: DeviceConfig): d is Ff68DeviceConfig {
  return 'protocol' in d && d.protocol === 'ff68';
}
