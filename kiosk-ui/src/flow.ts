// The take-a-number flow as a pure reducer: services → (card | phone) → confirm → ticket. Personal data
// (the masked card read, the phone number) lives only in this state, so a reset forgets it.
import type { MessageKey } from './i18n/index.js';

export interface CardRead {
  identityToken: string;
  nameMasked: string;
  idNumberMasked: string;
  age: number;
  cardType: string;
  greenEligible?: boolean;
}

export interface IssuedTicket {
  id: string;
  number: string;
  serviceId: string;
  serviceName: string;
  serviceNameEn: string;
  priority: 'normal' | 'green';
  ahead: number;
  estimatedWaitMinutes: number;
  print: 'queued' | 'none' | 'failed';
}

export type LookupSection = 'guides' | 'qa' | 'network' | 'staff' | 'commitments';

export type Step =
  | { name: 'home' }
  | { name: 'services' }
  | { name: 'identify'; serviceId: string }
  | { name: 'phone'; serviceId: string; digits: string; invalid: boolean }
  | { name: 'confirm'; serviceId: string }
  | { name: 'ticket'; ticket: IssuedTicket }
  | { name: 'lookup'; section: LookupSection | null };

export interface FlowState {
  step: Step;
  identity: CardRead | null;
  phone: string | null;
  priority: 'normal' | 'green';
  /** The card read qualifies for the green channel (age ≥ the configured age). */
  greenOffered: boolean;
  submitting: boolean;
  error: MessageKey | null;
  errorCode: string | null;
}

export type FlowAction =
  | { type: 'reset' }
  | { type: 'take' }
  | { type: 'lookup'; section?: LookupSection | null }
  | { type: 'choose-service'; serviceId: string }
  | { type: 'card'; read: CardRead; greenAge: number }
  | { type: 'choose-priority'; priority: 'normal' | 'green' }
  | { type: 'skip-card' }
  | { type: 'phone-key'; key: string }
  | { type: 'phone-delete' }
  | { type: 'phone-clear' }
  | { type: 'phone-done' }
  | { type: 'phone-skip' }
  | { type: 'submit' }
  | { type: 'issued'; ticket: IssuedTicket }
  | { type: 'failed'; error: MessageKey; code?: string }
  | { type: 'back' };

export const initialFlow: FlowState = { step: { name: 'home' }, identity: null, phone: null, priority: 'normal', greenOffered: false, submitting: false, error: null, errorCode: null };

export const PHONE_MAX = 20;
export const isPhone = (digits: string) => /^\d{5,20}$/.test(digits);
/** Green needs a card whose age reaches the configured age (the hub checks it again). */
export const greenAllowed = (identity: CardRead | null, greenAge: number) => identity !== null && (identity.greenEligible ?? identity.age >= greenAge);

export function flowReducer(s: FlowState, a: FlowAction): FlowState {
  const clean = { error: null, errorCode: null };
  switch (a.type) {
    case 'reset':
      return initialFlow;
    case 'take':
      return { ...initialFlow, step: { name: 'services' } };
    case 'lookup':
      return { ...initialFlow, step: { name: 'lookup', section: a.section ?? null } };
    case 'choose-service':
      if (s.step.name !== 'services') return s;
      return { ...s, ...clean, identity: null, phone: null, priority: 'normal', greenOffered: false, step: { name: 'identify', serviceId: a.serviceId } };
    case 'card': {
      // A card counts only while the citizen is on the way to a ticket for a chosen service.
      if (s.step.name !== 'identify' && s.step.name !== 'phone' && s.step.name !== 'confirm') return s;
      if (s.submitting) return s;
      const serviceId = s.step.serviceId;
      const green = greenAllowed(a.read, a.greenAge);
      return { ...s, ...clean, identity: a.read, phone: null, priority: 'normal', greenOffered: green, step: green ? { name: 'identify', serviceId } : { name: 'confirm', serviceId } };
    }
    case 'choose-priority':
      if (s.step.name !== 'identify' || !s.identity) return s;
      return { ...s, ...clean, priority: a.priority === 'green' && s.greenOffered ? 'green' : 'normal', step: { name: 'confirm', serviceId: s.step.serviceId } };
    case 'skip-card':
      if (s.step.name !== 'identify') return s;
      return { ...s, ...clean, identity: null, priority: 'normal', greenOffered: false, step: { name: 'phone', serviceId: s.step.serviceId, digits: s.phone ?? '', invalid: false } };
    case 'phone-key':
      if (s.step.name !== 'phone' || !/^\d$/.test(a.key) || s.step.digits.length >= PHONE_MAX) return s;
      return { ...s, step: { ...s.step, digits: s.step.digits + a.key, invalid: false } };
    case 'phone-delete':
      if (s.step.name !== 'phone') return s;
      return { ...s, step: { ...s.step, digits: s.step.digits.slice(0, -1), invalid: false } };
    case 'phone-clear':
      if (s.step.name !== 'phone') return s;
      return { ...s, step: { ...s.step, digits: '', invalid: false } };
    case 'phone-done':
      if (s.step.name !== 'phone') return s;
      if (s.step.digits === '') return { ...s, phone: null, step: { name: 'confirm', serviceId: s.step.serviceId } };
      if (!isPhone(s.step.digits)) return { ...s, step: { ...s.step, invalid: true } };
      return { ...s, phone: s.step.digits, step: { name: 'confirm', serviceId: s.step.serviceId } };
    case 'phone-skip':
      if (s.step.name !== 'phone') return s;
      return { ...s, phone: null, step: { name: 'confirm', serviceId: s.step.serviceId } };
    case 'submit':
      if (s.step.name !== 'confirm' || s.submitting) return s;
      return { ...s, ...clean, submitting: true };
    case 'issued':
      // The ticket screen keeps no identity: only the public ticket.
      return { ...initialFlow, step: { name: 'ticket', ticket: a.ticket } };
    case 'failed':
      return { ...s, submitting: false, error: a.error, errorCode: a.code ?? null };
    case 'back':
      return back(s);
  }
}

function back(s: FlowState): FlowState {
  const clean = { error: null, errorCode: null, submitting: false };
  switch (s.step.name) {
    case 'services':
    case 'ticket':
      return initialFlow;
    case 'lookup':
      return s.step.section ? { ...s, step: { name: 'lookup', section: null } } : initialFlow;
    case 'identify':
      return { ...s, ...clean, identity: null, priority: 'normal', greenOffered: false, step: { name: 'services' } };
    case 'phone':
      return { ...s, ...clean, phone: null, step: { name: 'identify', serviceId: s.step.serviceId } };
    case 'confirm':
      return s.identity
        ? { ...s, ...clean, identity: null, priority: 'normal', greenOffered: false, step: { name: 'identify', serviceId: s.step.serviceId } }
        : { ...s, ...clean, step: { name: 'phone', serviceId: s.step.serviceId, digits: s.phone ?? '', invalid: false } };
    default:
      return s;
  }
}

/** Which message explains a refused ticket request. */
export function issueErrorKey(status: number, code: string | undefined): MessageKey {
  if (status === 409) return 'error.duplicate';
  if (status === 429) return 'error.rateLimited';
  if (code === 'identity-token-invalid') return 'error.identity';
  if (status === 403 && code !== 'kiosk-key-wrong') return 'error.green';
  if (status === 0) return 'error.offline';
  return 'error.generic';
}
