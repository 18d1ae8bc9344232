// The wire protocol between a device agent (kiosk/window PC) and the hub: socket.io namespace `/devices`,
// handshake `auth: {agentId, key}`. Plain data and zod schemas only, shared by both ends.
import { z } from 'zod';
import type { DeviceHealth, KeyAction, PrintOutcome, RatingScore, TicketPrintJob } from '../contract.js';

export const AGENT_NAMESPACE = '/devices';

const RATING_SCORES = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied'] as const satisfies readonly RatingScore[];
const KEY_ACTIONS = ['call-next', 'recall', 'ask-rating', 'pause', 'transfer', 'abandon', 'call-back'] as const satisfies readonly KeyAction[];

const text = z.string().min(1).max(200);

/** A pad or keypad press; `id` is stable across resends so the hub applies it at most once. */
export const pressSchema = z.discriminatedUnion('kind', [
  z.object({ id: text, kind: z.literal('rating'), windowId: text, score: z.enum(RATING_SCORES), deviceId: text }),
  z.object({ id: text, kind: z.literal('key'), windowId: text, action: z.enum(KEY_ACTIONS), deviceId: text }),
]);
export type Press = z.infer<typeof pressSchema>;

/**
 * The hub's answer to a press, sent only once the press is durable (or refused, which is also final).
 * `retry: true` means the hub could not decide now (e.g. it is shutting down): send it again later.
 */
export type PressAck = { ok: true; duplicate?: true } | { ok: false; code: string; message: string; retry?: true };

export const healthSchema = z.object({
  id: text,
  kind: z.enum(['printer', 'idcard', 'rating-pad', 'keypad']),
  state: z.enum(['ok', 'offline', 'paper-out', 'paper-low', 'error', 'simulated']),
  detail: z.string().max(500).optional(),
}) satisfies z.ZodType<DeviceHealth>;

/** `identity` is checked in depth by the hub's identity handling; here only its shape. */
export const identityMessageSchema = z.union([
  z.object({ kioskId: text, identity: z.looseObject({ cardType: z.string(), name: z.string(), idNumber: z.string(), birthDate: z.string(), gender: z.string() }) }),
  z.object({ kioskId: text, error: z.string().max(500) }),
]);

/** Hub → agent. */
export interface PrintRequest {
  kioskId: string;
  job: TicketPrintJob;
}
export type PrintReply = PrintOutcome;

export interface StartRatingRequest {
  windowId: string;
}
