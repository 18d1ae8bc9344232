// Request and response schemas of the contract, shared by validation and the OpenAPI document.
import { z } from 'zod';
import { RATING_SCORES } from '../domain/types.js';

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) });

export const idParam = z.object({ id: z.string().min(1).max(64) });
/** A calendar day that exists: 2026-02-30 is refused, not rolled over into March as Date.parse would. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((d) => { const t = Date.parse(`${d}T00:00:00Z`); return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d; }, 'is not a real date');
export const score = z.enum(RATING_SCORES as [string, ...string[]]) as z.ZodType<(typeof RATING_SCORES)[number]>;
const phone = z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, 'must be a phone number (digits, 5–20)');
const shortText = (max: number) => z.string().trim().max(max);
/** 职务（英文）: an English title is longer than the Chinese one it translates. */
export const titleEnText = shortText(60).min(1, 'must not be empty');

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const loginReply = z.object({ token: z.string(), role: z.enum(['admin', 'director', 'staff']), name: z.string(), staffId: z.string() });
export const passwordBody = z.object({ current: z.string().min(1).max(200), next: z.string().min(8, 'must be at least 8 characters').max(200) });

export const staffBody = z.object({
  username: z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, 'must be 2–32 lowercase letters, digits, . _ -'),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  name: shortText(30).min(1),
  title: shortText(40).min(1),
  titleEn: titleEnText.optional(),
  employeeNo: shortText(20).min(1),
  role: z.enum(['staff', 'director']).default('staff'),
  phone: phone.optional(),
  photo: z.string().max(300_000).optional(),
});
export const whereaboutsBody = z.object({ whereabouts: z.enum(['on-duty', 'away', 'out', 'leave']), note: shortText(60).optional() });

export const serviceItem = z.object({
  id: z.string(), prefix: z.string(), name: z.string(), nameEn: z.string(), description: z.string().nullable(), descriptionEn: z.string().nullable(),
  materials: z.array(z.string()), timeLimitMinutes: z.number(), discreet: z.boolean(), hours: z.string().nullable(),
  waiting: z.number(), estimatedWaitMinutes: z.number(), open: z.boolean(), windows: z.array(z.string()),
});

export const ticketBody = z.object({
  serviceId: z.string().min(1).max(40),
  kioskId: z.string().min(1).max(40).optional(),
  identityToken: z.string().min(1).max(100).optional(),
  phone: phone.optional(),
  priority: z.enum(['normal', 'green']).optional(),
});

export const ticketSchema = z.object({
  id: z.string(), number: z.string(), serviceId: z.string(), serviceName: z.string(), serviceNameEn: z.string(),
  status: z.enum(['waiting', 'called', 'serving', 'done', 'no-show', 'cancelled']), priority: z.enum(['normal', 'green']),
  issuedAt: z.string(), ahead: z.number(), estimatedWaitMinutes: z.number(), windowId: z.string().nullable(), windowName: z.string().nullable(),
  calledAt: z.string().nullable(), recalls: z.number(), cancelReason: z.string().nullable(),
});
export const reprintBody = z.object({ kioskId: z.string().min(1).max(40) });
export const issuedTicketSchema = ticketSchema.extend({ print: z.enum(['queued', 'none', 'failed']) });

const staffCard = z.object({ id: z.string(), name: z.string(), title: z.string(), titleEn: z.string().nullable(), employeeNo: z.string(), photo: z.string().nullable(), whereabouts: z.string(), whereaboutsNote: z.string().nullable() }).nullable();
export const windowSchema = z.object({
  id: z.string(), name: z.string(), nameEn: z.string().nullable(), category: z.string().nullable(), services: z.array(z.string()),
  status: z.enum(['closed', 'open', 'paused']), pauseReason: z.string().nullable(), post: z.enum(['A', 'B']).nullable(),
  staff: staffCard, posts: z.object({ A: staffCard, B: staffCard }),
  current: z.object({ ticketNumber: z.string(), status: z.string(), serviceName: z.string().nullable() }).nullable(),
});
export const windowActionReply = z.object({ ticket: ticketSchema.nullable(), window: windowSchema });

export const finishBody = z.object({ matter: shortText(200).optional(), outcome: shortText(2000).optional() });
export const transferBody = z.object({ toServiceId: z.string().min(1).max(40).optional(), toWindowId: z.string().min(1).max(40).optional(), note: shortText(200).optional() });
export const pauseBody = z.object({ reason: shortText(60).min(1, 'must not be empty') });
export const ratingBody = z.object({ score });
export const ratingReply = z.object({ ticketId: z.string(), number: z.string(), score, followUp: z.boolean() });

export const rangeQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  serviceId: z.string().max(40).optional(),
  windowId: z.string().max(40).optional(),
  staffId: z.string().max(64).optional(),
  rating: score.optional(),
});
export const ledgerQuery = rangeQuery.extend({
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
export const exportQuery = rangeQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
export const statsQuery = rangeQuery.extend({ by: z.enum(['service', 'window', 'staff', 'day']).default('service') });

export const ledgerRowSchema = z.object({
  ticketId: z.string(), number: z.string(), service: z.string(), serviceId: z.string(), status: z.string(), priority: z.string(),
  issuedAt: z.string(), calledAt: z.string().nullable(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  windowId: z.string().nullable(), staff: z.string().nullable(), staffId: z.string().nullable(), visitorName: z.string().nullable(),
  phone: z.string().nullable(), matter: z.string().nullable(), outcome: z.string().nullable(), rating: z.string().nullable(),
  transfers: z.array(z.object({ at: z.string(), by: z.string().nullable(), fromWindowId: z.string(), fromService: z.string(), toService: z.string(), toWindowId: z.string().nullable(), note: z.string().nullable() })),
});

export const statsRowSchema = z.object({
  key: z.string(), label: z.string(), issued: z.number(), served: z.number(), noShow: z.number(), cancelled: z.number(), transfers: z.number(),
  avgWaitMinutes: z.number().nullable(), p90WaitMinutes: z.number().nullable(), avgHandlingMinutes: z.number().nullable(), p90HandlingMinutes: z.number().nullable(),
  overTimeLimit: z.number(), ratings: z.record(z.string(), z.number()), rated: z.number(), satisfactionRate: z.number().nullable(),
});

export const verifySchema = z.union([
  z.object({ ok: z.literal(true), events: z.number(), head: z.string() }),
  z.object({ ok: z.literal(false), events: z.number(), firstBadEvent: z.number(), reason: z.string() }),
]);

export const followUpQuery = z.object({ status: z.enum(['open', 'done']).optional() });
export const followUpBody = z.object({ reached: z.boolean(), note: shortText(2000), resolved: z.boolean() });
export const followUpSchema = z.object({
  id: z.string(), ticketId: z.string(), number: z.string(), rating: z.string(), staff: z.string().nullable(), staffId: z.string().nullable(),
  windowId: z.string().nullable(), openedAt: z.string(), dueAt: z.string(), overdue: z.boolean(), status: z.enum(['open', 'done']),
  reached: z.boolean().nullable(), resolved: z.boolean().nullable(), note: z.string().nullable(),
});

export const complaintBody = z.object({
  channel: z.enum(['window', 'phone', '12348', 'letter', 'online', 'other']),
  subject: shortText(100).min(1, 'must not be empty'),
  content: shortText(5000).min(1, 'must not be empty'),
  windowId: z.string().max(40).optional(),
  staffId: z.string().max(64).optional(),
  contact: phone.optional(),
});
export const complaintUpdateBody = z.object({ status: z.enum(['handling', 'closed']), reply: shortText(5000).min(1, 'must not be empty') });
export const complaintSchema = z.object({
  id: z.string(), channel: z.string(), subject: z.string(), content: z.string(), windowId: z.string().nullable(), staffId: z.string().nullable(),
  registeredAt: z.string(), dueAt: z.string(), status: z.enum(['open', 'handling', 'closed']), overdue: z.boolean(), reply: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), by: z.string(), status: z.string(), reply: z.string() })),
});

export const purgeBody = z.object({ before: day });
export const healthSchema = z.object({
  status: z.literal('ok'), ledger: z.enum(['sqlite', 'postgres']), day: z.string(),
  speech: z.object({ engine: z.enum(['espeak-ng', 'none']), voice: z.string().optional(), detail: z.string().optional() }),
  devices: z.array(z.object({ id: z.string(), kind: z.string(), state: z.enum(['ok', 'offline', 'paper-out', 'paper-low', 'error', 'simulated']), detail: z.string().optional() })),
  /** Only with YICHUANG_CENTRAL_URL: the link to the city's central database. */
  cityLink: z.object({
    state: z.enum(['connecting', 'sending', 'up-to-date', 'offline', 'refused', 'stopped']).describe('refused: the city refuses this site\'s ledger until an operator checks and resets it there'),
    acknowledged: z.number().int().nullable().describe('the last event of this site the city holds'),
    lastError: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
  }).optional(),
});

export const simulateCardBody = z.object({
  kioskId: z.string().min(1).max(40),
  card: z.object({
    name: shortText(30).min(1),
    idNumber: z.string().regex(/^\d{17}[\dX]$/, 'must be 18 characters, digits with a final digit or X'),
    birthDate: day.optional(),
    gender: z.enum(['male', 'female', 'unknown', 'unspecified']).default('unspecified'),
    cardType: z.enum(['resident', 'hmt-residence', 'foreign-permanent-2017', 'foreign-permanent-2023']).default('resident'),
  }),
});
export const identityReply = z.object({ identityToken: z.string(), nameMasked: z.string(), idNumberMasked: z.string(), age: z.number(), cardType: z.string(), greenEligible: z.boolean() });
