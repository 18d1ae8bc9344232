// The wire protocol between a device agent (kiosk/window PC) and the hub: socket.io namespace `/devices`,
// handshake `auth: {agentId, key}`. Plain data and zod schemas only, shared by both ends.
import { z } from 'zod';
import type { CardIdentity, CardType, DeviceHealth, IdentityRead, KeyAction, PrintOutcome, RatingScore, TicketPrintJob } from '../contract.js';
import { hasValidCheckCharacter } from '../idcard/id-number.js';

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

const CARD_TYPES = ['resident', 'hmt-residence', 'foreign-permanent-2017', 'foreign-permanent-2023'] as const satisfies readonly CardType[];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const optionalText = z.string().max(200).optional();

/** A card identity as the agent's reader parsed it (devices/idcard/id-text.ts). */
export const cardIdentitySchema = z.strictObject({
  cardType: z.enum(CARD_TYPES),
  name: text,
  gender: z.enum(['male', 'female', 'unknown', 'unspecified']),
  nation: optionalText,
  birthDate: isoDate,
  address: optionalText,
  idNumber: z.string().regex(/^[0-9A-Z]{15,18}$/, 'must be an ID number'),
  issuer: optionalText,
  validFrom: isoDate.optional(),
  validTo: z.union([isoDate, z.literal('长期')]).optional(),
  nameEn: optionalText,
  nationality: z.string().max(3).optional(),
}) satisfies z.ZodType<CardIdentity>;

export const identityMessageSchema = z.union([
  z.object({
    kioskId: text,
    error: z.enum(['invalid card', 'unsupported card type', 'read failed']),
    cardType: z.enum(CARD_TYPES).optional(),
    reason: z.string().max(500).optional(),
  }),
  // checked in depth by identityFromAgent, which turns a bad one into `invalid card`
  z.object({ kioskId: text, identity: z.looseObject({}) }),
]);
export type IdentityMessage = z.infer<typeof identityMessageSchema>;

/**
 * What the hub makes of a card read an agent sent. The agent's reader already checked the card; the
 * hub checks again (shape and ID check character) so a faulty or outdated agent can never put an
 * invalid identity in front of a citizen: such a read becomes `invalid card`.
 */
export function identityFromAgent(msg: IdentityMessage): IdentityRead {
  if ('error' in msg) {
    const { kioskId: _k, ...read } = msg;
    return read;
  }
  const parsed = cardIdentitySchema.safeParse(msg.identity);
  if (!parsed.success) return { error: 'invalid card', reason: `agent sent a malformed identity (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})` };
  const identity = parsed.data;
  const checkable = identity.cardType !== 'foreign-permanent-2017'; // 15-character numbers carry no MOD 11-2 check
  if (checkable && !hasValidCheckCharacter(identity.idNumber)) return { error: 'invalid card', cardType: identity.cardType, reason: 'ID number format or check character' };
  return { identity: identity as CardIdentity };
}

/** Hub → agent. */
export interface PrintRequest {
  kioskId: string;
  job: TicketPrintJob;
}
export type PrintReply = PrintOutcome;

/** Hub → agent commands for a window's call keypad; each acked with `boolean` (done or not). */
export interface StartRatingRequest {
  windowId: string;
}
export interface ShowNumberRequest {
  windowId: string;
  /** The called ticket number; the keypad shows its last three digits. */
  number: string;
}
export interface BeepRequest {
  windowId: string;
}
export interface KeypadCommands {
  'start-rating': StartRatingRequest;
  'show-number': ShowNumberRequest;
  beep: BeepRequest;
}
