// The center configuration file (contract "Configuration file"), validated at start. Extensions beyond
// the contract (rules, notices, staff seats, rate limits) are optional with sensible defaults.
import { z } from 'zod';
import { isValidTimeZone } from '../domain/business-day.js';
import { DEFAULT_RULES } from '../domain/state.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be 1–40 letters, digits, - or _');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const rules = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'is not an IANA time zone').default(DEFAULT_RULES.timeZone),
  greenCap: z.number().int().min(1).max(20).default(DEFAULT_RULES.greenCap),
  recallsBeforeNoShow: z.number().int().min(0).max(10).default(DEFAULT_RULES.recallsBeforeNoShow),
  reactivateBehind: z.number().int().min(1).max(50).default(DEFAULT_RULES.reactivateBehind),
  ratingWindowSeconds: z.number().int().min(10).max(3600).default(DEFAULT_RULES.ratingWindowSeconds),
  greenAge: z.number().int().min(50).max(120).default(DEFAULT_RULES.greenAge),
  handlingSample: z.number().int().min(1).max(500).default(DEFAULT_RULES.handlingSample),
  defaultHandlingMinutes: z.number().min(1).max(480).default(DEFAULT_RULES.defaultHandlingMinutes),
  followUpDays: z.number().int().min(1).max(60).default(DEFAULT_RULES.followUpDays),
  complaintDays: z.number().int().min(1).max(60).default(DEFAULT_RULES.complaintDays),
});

const rateLimits = z.object({
  kioskPerMinute: z.number().int().min(1).default(20),
  kioskBurst: z.number().int().min(1).default(6),
  addressPerMinute: z.number().int().min(1).default(30),
  addressBurst: z.number().int().min(1).default(10),
});

export const serviceSchema = z.object({
  id,
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be 1–2 capital letters'),
  name: text(40),
  nameEn: text(80),
  description: z.string().max(200).optional(),
  descriptionEn: z.string().max(300).optional(),
  materials: z.array(text(200)).max(30).default([]),
  /** English versions of `materials` and `hours` for the kiosk's English mode. */
  materialsEn: z.array(text(300)).max(30).optional(),
  hoursEn: z.string().max(160).optional(),
  timeLimitMinutes: z.number().int().min(1).max(1440),
  discreet: z.boolean().default(false),
  waitAlertMinutes: z.number().int().min(1).max(600).optional(),
  /** 办理事项 offered as quick picks on the staff console when a visit is finished. */
  matters: z.array(text(60)).max(20).default([]),
  hours: z.string().max(100).optional(),
});

export const windowSchema = z.object({
  id,
  name: text(40),
  nameEn: z.string().max(80).optional(),
  services: z.array(id).min(1, 'a window must serve at least one service'),
  category: z.string().max(60).optional(),
  screenKey: z.string().min(8, 'must be at least 8 characters').optional(),
  posts: z.object({ A: z.string().optional(), B: z.string().optional() }).optional(),
});

const kioskSchema = z.object({
  id,
  name: z.string().max(40).optional(),
  key: z.string().min(8, 'must be at least 8 characters').optional(),
  /** PIN of the kiosk's admin exit gesture (4–8 digits); without one the kiosk cannot be left from the screen. */
  exitPin: z.string().regex(/^\d{4,8}$/, 'must be 4–8 digits').optional(),
  /** Seconds without a touch before the kiosk returns to its start screen and forgets the citizen. */
  idleSeconds: z.number().int().min(5).max(600).default(30),
});

/** A service point of the network (town station 工作站, village room 工作室) shown on the kiosk. */
const networkPointSchema = z.object({
  id,
  level: z.enum(['center', 'station', 'room']),
  name: text(60),
  nameEn: z.string().max(120).optional(),
  /** The town or area the point belongs to, for grouping on the kiosk. */
  area: text(40),
  areaEn: z.string().max(80).optional(),
  address: text(120),
  addressEn: z.string().max(200).optional(),
  phone: text(40),
  hours: text(100),
  hoursEn: z.string().max(160).optional(),
});

/** Device entries are validated in detail by the device layer; here only what the hub relies on. */
const deviceSchema = z.looseObject({
  id,
  kind: z.enum(['printer', 'idcard', 'rating-pad', 'keypad']),
  kiosk: z.string().optional(),
  window: z.string().optional(),
  transport: z.enum(['serial', 'tcp', 'usblp', 'hid']),
  /** Run by this device agent instead of the hub process. */
  agent: z.string().optional(),
});

/** A device agent on a kiosk or window PC: runs the drivers of the devices plugged into that PC. */
const agentSchema = z.object({
  id,
  name: z.string().max(40).optional(),
  key: z.string().min(16, 'must be at least 16 characters'),
});

const seatSchema = z.object({
  username: z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, 'must be 2–32 lowercase letters, digits, . _ -'),
  name: text(30),
  title: text(40),
  /** The title on the screens' English text (职务（英文）); without it they show the Chinese title. */
  titleEn: text(60).optional(),
  employeeNo: text(20),
  role: z.enum(['staff', 'director']).default('staff'),
  phone: z.string().optional(),
});

export const configSchema = z
  .object({
    center: z.object({
      code: id,
      name: text(60),
      nameEn: z.string().max(120).optional(),
      publicUrl: z.url().optional(),
      hotline: z.string().max(20).default('12348'),
      address: z.string().max(120).optional(),
      phone: z.string().max(40).optional(),
    }),
    rules: rules.default(rules.parse({})),
    rateLimits: rateLimits.default(rateLimits.parse({})),
    services: z.array(serviceSchema).min(1, 'at least one service is needed'),
    windows: z.array(windowSchema).min(1, 'at least one window is needed'),
    kiosks: z.array(kioskSchema).default([]),
    devices: z.array(deviceSchema).default([]),
    agents: z.array(agentSchema).default([]),
    notices: z.array(z.string().max(200)).default([]),
    /** Personal data (names, ID numbers, phones) of visits is erased this many days after the visit (a daily check). */
    retention: z.object({ personalDataDays: z.number().int().min(30).max(3650).default(365) }).default({ personalDataDays: 365 }),
    /** Town stations and village rooms of the network (触摸查询 shows them). */
    network: z.array(networkPointSchema).default([]),
    /** Voice calls on the hall screen: each call spoken once or twice, a chime before it. */
    announce: z.object({ repeat: z.union([z.literal(1), z.literal(2)]).default(1), chime: z.boolean().default(true) }).default({ repeat: 1, chime: true }),
    /** Staff accounts to create on first start (passwords are generated and printed once). */
    staff: z.array(seatSchema).default([]),
  })
  .superRefine((c, ctx) => {
    const dup = (items: { id: string }[], path: string) => {
      const seen = new Set<string>();
      items.forEach((x, i) => {
        if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${x.id}"` });
        seen.add(x.id);
      });
    };
    dup(c.services, 'services');
    dup(c.windows, 'windows');
    dup(c.kiosks, 'kiosks');
    dup(c.devices, 'devices');
    dup(c.agents, 'agents');
    dup(c.network, 'network');
    const agentIds = new Set(c.agents.map((a) => a.id));
    c.devices.forEach((d, i) => {
      if (d.agent !== undefined && !agentIds.has(d.agent)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'agent'], message: `unknown agent "${d.agent}"` });
    });
    const prefixes = new Map<string, number>();
    c.services.forEach((s, i) => {
      if (prefixes.has(s.prefix)) ctx.addIssue({ code: 'custom', path: ['services', i, 'prefix'], message: `prefix "${s.prefix}" is already used by services[${prefixes.get(s.prefix)}]` });
      prefixes.set(s.prefix, i);
    });
    const serviceIds = new Set(c.services.map((s) => s.id));
    c.windows.forEach((w, i) =>
      w.services.forEach((s, j) => {
        if (!serviceIds.has(s)) ctx.addIssue({ code: 'custom', path: ['windows', i, 'services', j], message: `unknown service "${s}"` });
      }),
    );
    const kioskIds = new Set(c.kiosks.map((k) => k.id));
    const windowIds = new Set(c.windows.map((w) => w.id));
    c.devices.forEach((d, i) => {
      if (d.kiosk !== undefined && !kioskIds.has(d.kiosk)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'kiosk'], message: `unknown kiosk "${d.kiosk}"` });
      if (d.window !== undefined && !windowIds.has(d.window)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'window'], message: `unknown window "${d.window}"` });
    });
  });

export type CenterConfig = z.output<typeof configSchema>;
export type CenterConfigInput = z.input<typeof configSchema>;
