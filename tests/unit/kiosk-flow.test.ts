// The kiosk's take-a-number flow reducer: the green channel only for a qualifying card, the phone keypad,
// card reads ignored outside the flow, and every reset forgetting the citizen.
import { describe, expect, it } from 'vitest';
import { flowReducer, initialFlow, issueErrorKey, type CardRead, type FlowAction, type FlowState } from '../../kiosk-ui/src/flow.js';

const run = (...actions: FlowAction[]) => actions.reduce<FlowState>(flowReducer, initialFlow);
const card = (age: number, greenEligible = age >= 70): CardRead => ({ identityToken: 'tok', nameMasked: '王*明', idNumberMasked: '1101**********123X', age, cardType: 'resident', greenEligible });
const toIdentify = [{ type: 'take' }, { type: 'choose-service', serviceId: 'consult' }] as FlowAction[];

describe('card and green channel', () => {
  it('a young card goes straight to confirm, normal queue, no green offered', () => {
    const s = run(...toIdentify, { type: 'card', read: card(40), greenAge: 70 });
    expect(s.step).toEqual({ name: 'confirm', serviceId: 'consult' });
    expect(s).toMatchObject({ greenOffered: false, priority: 'normal', identity: { nameMasked: '王*明' } });
    expect(flowReducer(s, { type: 'choose-priority', priority: 'green' }).priority).toBe('normal');
  });

  it('an elderly card is offered the green channel and may take or decline it', () => {
    const offered = run(...toIdentify, { type: 'card', read: card(78), greenAge: 70 });
    expect(offered.step.name).toBe('identify');
    expect(offered.greenOffered).toBe(true);
    expect(flowReducer(offered, { type: 'choose-priority', priority: 'green' })).toMatchObject({ priority: 'green', step: { name: 'confirm' } });
    expect(flowReducer(offered, { type: 'choose-priority', priority: 'normal' }).priority).toBe('normal');
  });

  it('the hub\'s verdict wins over the age: not eligible means no green even at 75', () => {
    expect(run(...toIdentify, { type: 'card', read: card(75, false), greenAge: 70 }).greenOffered).toBe(false);
  });

  it('green cannot be chosen without a card', () => {
    const s = run(...toIdentify, { type: 'skip-card' }, { type: 'phone-skip' });
    expect(s.step.name).toBe('confirm');
    expect(flowReducer(s, { type: 'choose-priority', priority: 'green' }).priority).toBe('normal');
  });

  it('a card read on the start screen, the tiles or the ticket is ignored', () => {
    for (const s of [initialFlow, run({ type: 'take' }), run({ type: 'lookup' })]) {
      expect(flowReducer(s, { type: 'card', read: card(80), greenAge: 70 })).toBe(s);
    }
  });
});

describe('phone keypad', () => {
  const atPhone = run(...toIdentify, { type: 'skip-card' });
  const type = (s: FlowState, digits: string) => [...digits].reduce((acc, d) => flowReducer(acc, { type: 'phone-key', key: d }), s);

  it('digits, delete and clear; non-digits and a 21st digit are ignored', () => {
    let s = type(atPhone, '1380013800');
    s = flowReducer(s, { type: 'phone-key', key: 'x' });
    s = flowReducer(s, { type: 'phone-delete' });
    expect(s.step).toMatchObject({ digits: '138001380' });
    expect(flowReducer(s, { type: 'phone-clear' }).step).toMatchObject({ digits: '' });
    const full = type(atPhone, '1'.repeat(25));
    expect(full.step).toMatchObject({ digits: '1'.repeat(20) });
  });

  it('too short a number is flagged and kept; a good one goes to confirm; empty means none', () => {
    const short = flowReducer(type(atPhone, '123'), { type: 'phone-done' });
    expect(short.step).toMatchObject({ name: 'phone', invalid: true });
    expect(flowReducer(type(atPhone, '13800138000'), { type: 'phone-done' })).toMatchObject({ phone: '13800138000', step: { name: 'confirm' } });
    expect(flowReducer(atPhone, { type: 'phone-done' })).toMatchObject({ phone: null, step: { name: 'confirm' } });
  });
});

describe('submitting and forgetting', () => {
  const ticket = { id: 't1', number: 'B001', serviceId: 'consult', serviceName: '法律咨询', serviceNameEn: 'Legal consultation', priority: 'normal' as const, ahead: 0, estimatedWaitMinutes: 0, print: 'queued' as const };

  it('submit only from confirm and only once; the ticket screen keeps no identity or phone', () => {
    const confirm = run(...toIdentify, { type: 'card', read: card(40), greenAge: 70 });
    const sending = flowReducer(confirm, { type: 'submit' });
    expect(sending.submitting).toBe(true);
    expect(flowReducer(sending, { type: 'submit' })).toBe(sending);
    expect(flowReducer(sending, { type: 'card', read: card(90), greenAge: 70 })).toBe(sending);
    const done = flowReducer(sending, { type: 'issued', ticket });
    expect(done).toMatchObject({ identity: null, phone: null, step: { name: 'ticket', ticket } });
  });

  it('a refusal keeps the choices for a retry and says why', () => {
    const failed = flowReducer(flowReducer(run(...toIdentify, { type: 'card', read: card(40), greenAge: 70 }), { type: 'submit' }), { type: 'failed', error: 'error.duplicate', code: 'duplicate' });
    expect(failed).toMatchObject({ submitting: false, error: 'error.duplicate', identity: { nameMasked: '王*明' } });
  });

  it('reset forgets everything; back from confirm drops the card', () => {
    const confirm = run(...toIdentify, { type: 'card', read: card(40), greenAge: 70 });
    expect(flowReducer(confirm, { type: 'reset' })).toEqual(initialFlow);
    expect(flowReducer(confirm, { type: 'back' })).toMatchObject({ identity: null, step: { name: 'identify' } });
  });

  it('refusals map to plain messages', () => {
    expect(issueErrorKey(409, 'duplicate-identity')).toBe('error.duplicate');
    expect(issueErrorKey(429, 'rate-limited')).toBe('error.rateLimited');
    expect(issueErrorKey(400, 'identity-token-invalid')).toBe('error.identity');
    expect(issueErrorKey(403, 'forbidden')).toBe('error.green');
    expect(issueErrorKey(0, 'offline')).toBe('error.offline');
    expect(issueErrorKey(500, 'internal')).toBe('error.generic');
  });
});
