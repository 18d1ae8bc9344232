import { describe, expect, it } from 'vitest';
import { estimatedWaitMinutes } from '../../server/domain/estimate.js';
import { DomainHarness, refusal } from '../support/domain-harness.js';

function hall() {
  const h = new DomainHarness();
  const lin = h.addStaff('lin.qiao');
  const song = h.addStaff('song.yu');
  const fang = h.addStaff('fang.jie');
  h.run({ type: 'sign-in', windowId: '2', staffId: lin }); // consult
  h.run({ type: 'sign-in', windowId: '3', staffId: song }); // consult + reception
  h.run({ type: 'sign-in', windowId: '4', staffId: fang }); // legal-aid + consult
  return { h, lin, song, fang };
}

describe('numbering', () => {
  it('is prefix + 3 digits per service and restarts each business day in the center zone', () => {
    const { h } = hall();
    const a = h.issue('consult');
    const b = h.issue('consult');
    const c = h.issue('legal-aid');
    expect([a, b, c].map((id) => h.state.tickets.get(id)!.number)).toEqual(['B001', 'B002', 'C001']);
    // 23:59 Beijing time is still the same day; 00:00 is the next one, whatever the machine's zone.
    h.now = Date.parse('2026-11-23T23:59:00+08:00');
    expect(h.state.tickets.get(h.issue('consult'))!.number).toBe('B003');
    h.now = Date.parse('2026-11-24T00:00:30+08:00');
    expect(h.state.tickets.get(h.issue('consult'))!.number).toBe('B001');
  });

  it('expires tickets still waiting at day end with an event', () => {
    const { h } = hall();
    const a = h.issue('consult');
    h.now = Date.parse('2026-11-24T08:00:00+08:00');
    const events = h.run({ type: 'roll-over' });
    // the harness rolls over before the command; the explicit roll-over then finds nothing left
    expect(events).toEqual([]);
    const expiry = h.log.find((e) => e.type === 'ticket.cancelled');
    expect(expiry?.data).toMatchObject({ ticketId: a, reason: 'expired' });
    expect(h.state.tickets.has(a)).toBe(false); // settled tickets of past days leave memory
  });

  it('goes to four digits past 999 rather than refusing a citizen', () => {
    const { h } = hall();
    for (let i = 0; i < 999; i++) h.issue('forensic');
    expect(h.state.tickets.get(h.issue('forensic'))!.number).toBe('F1000');
  });
});

describe('call-next order', () => {
  it('calls green-channel tickets first, then by issue time across the window\'s services', () => {
    const { h, fang } = hall();
    const n1 = h.issue('consult');
    const n2 = h.issue('legal-aid');
    const g1 = h.issue('legal-aid', 'green');
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      order.push(h.callNext('4', fang));
      h.run({ type: 'finish', windowId: '4', staffId: fang });
    }
    expect(order).toEqual([g1, n1, n2]);
  });

  it('caps consecutive green calls so normal tickets are not starved (default 3)', () => {
    const { h, fang } = hall();
    const normal = h.issue('legal-aid');
    const greens = Array.from({ length: 5 }, () => h.issue('legal-aid', 'green'));
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      order.push(h.callNext('4', fang));
      h.run({ type: 'finish', windowId: '4', staffId: fang });
    }
    expect(order).toEqual([greens[0], greens[1], greens[2], normal, greens[3], greens[4]]);
  });

  it('recall is counted and no-show needs the configured recalls first', () => {
    const { h, lin } = hall();
    const t = h.issue('consult');
    h.callNext('2', lin);
    expect(refusal(() => h.run({ type: 'no-show', windowId: '2', staffId: lin })).code).toBe('recall-first');
    h.run({ type: 'recall', windowId: '2', staffId: lin });
    h.run({ type: 'recall', windowId: '2', staffId: lin });
    expect(h.state.tickets.get(t)!.recalls).toBe(2);
    h.run({ type: 'no-show', windowId: '2', staffId: lin });
    expect(h.state.tickets.get(t)!.status).toBe('no-show');
  });

  it('a re-activated no-show re-enters behind the next 3 waiting tickets', () => {
    const { h, lin } = hall();
    const late = h.issue('consult');
    const others = Array.from({ length: 5 }, () => h.issue('consult'));
    h.callNext('2', lin);
    h.run({ type: 'recall', windowId: '2', staffId: lin });
    h.run({ type: 'recall', windowId: '2', staffId: lin });
    h.run({ type: 'no-show', windowId: '2', staffId: lin });
    h.run({ type: 'reactivate', ticketId: late, staffId: lin });
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      order.push(h.callNext('2', lin));
      h.run({ type: 'finish', windowId: '2', staffId: lin });
    }
    expect(order).toEqual([others[0], others[1], others[2], late, others[3], others[4]]);
  });

  it('transfer keeps the number, enters the target queue at the front, and keeps the chain', () => {
    const { h, lin, fang } = hall();
    const waitingAid = h.issue('legal-aid');
    const t = h.issue('consult');
    expect(h.callNext('2', lin)).toBe(t);
    h.run({ type: 'start', windowId: '2', staffId: lin });
    h.run({ type: 'transfer', windowId: '2', staffId: lin, toServiceId: 'legal-aid', note: '符合法律援助条件' });
    const moved = h.state.tickets.get(t)!;
    expect(moved).toMatchObject({ number: 'B001', serviceId: 'legal-aid', status: 'waiting' });
    expect(moved.transfers).toEqual([expect.objectContaining({ byStaffId: lin, fromWindowId: '2', fromServiceId: 'consult', toServiceId: 'legal-aid', note: '符合法律援助条件' })]);
    expect(h.callNext('4', fang)).toBe(t); // ahead of the legal-aid ticket that waited longer
    h.run({ type: 'finish', windowId: '4', staffId: fang });
    expect(h.callNext('4', fang)).toBe(waitingAid);
  });

  it('a transfer to a specific window is called only there', () => {
    const { h, lin, song } = hall();
    const t = h.issue('consult');
    h.issue('consult');
    h.callNext('2', lin);
    h.run({ type: 'transfer', windowId: '2', staffId: lin, toWindowId: '3' });
    expect(h.callNext('2', lin)).not.toBe(t);
    expect(h.callNext('3', song)).toBe(t);
  });

  it('one waiting ticket per ID number per service', () => {
    const { h } = hall();
    const keys = { p1: 'K' }; // what the store resolves the personal ref to
    h.run({ type: 'issue', ticketId: 'a', serviceId: 'consult', priority: 'normal', personal: { ref: 'p1', commitment: 'c' }, subjectKey: 'K' }, keys);
    expect(refusal(() => h.run({ type: 'issue', ticketId: 'b', serviceId: 'consult', priority: 'normal', subjectKey: 'K' })).code).toBe('already-waiting');
    expect(() => h.run({ type: 'issue', ticketId: 'c', serviceId: 'legal-aid', priority: 'normal', subjectKey: 'K' })).not.toThrow();
    h.run({ type: 'cancel', ticketId: 'a', by: 'staff' });
    expect(() => h.run({ type: 'issue', ticketId: 'd', serviceId: 'consult', priority: 'normal', subjectKey: 'K' })).not.toThrow();
  });

  it('green from a kiosk needs a qualifying age; staff may always issue green', () => {
    const { h } = hall();
    expect(refusal(() => h.run({ type: 'issue', ticketId: 'g1', serviceId: 'consult', priority: 'green', age: 45 })).code).toBe('green-not-qualified');
    expect(() => h.run({ type: 'issue', ticketId: 'g2', serviceId: 'consult', priority: 'green', age: 72 })).not.toThrow();
    expect(() => h.run({ type: 'issue', ticketId: 'g3', serviceId: 'consult', priority: 'green', by: 'front-desk' })).not.toThrow();
  });

  it('estimated wait = moving average handling × position ÷ open windows', () => {
    const { h, lin, song } = hall();
    for (const [who, w] of [[lin, '2'], [song, '3']] as const) {
      h.issue('consult');
      h.callNext(w, who);
      h.run({ type: 'start', windowId: w, staffId: who });
      h.advance(w === '2' ? 10 : 20);
      h.run({ type: 'finish', windowId: w, staffId: who });
    }
    for (let i = 0; i < 4; i++) h.issue('consult');
    // average 15 min; windows 2, 3 and 4 serve consult and are open → 15 × 4 ÷ 3 = 20
    expect(estimatedWaitMinutes(h.state, 'consult', 4)).toBe(20);
  });
});

describe('windows', () => {
  it('refuses actions that do not fit the state, changing nothing', () => {
    const { h, lin, song } = hall();
    const before = h.log.length;
    expect(refusal(() => h.run({ type: 'finish', windowId: '2', staffId: lin })).code).toBe('no-current-ticket');
    expect(refusal(() => h.run({ type: 'call-next', windowId: '2', staffId: song })).kind).toBe('forbidden');
    expect(refusal(() => h.run({ type: 'sign-in', windowId: '2', staffId: song })).code).toBe('window-taken');
    expect(refusal(() => h.run({ type: 'resume', windowId: '2', staffId: lin })).code).toBe('window-not-paused');
    h.run({ type: 'pause', windowId: '2', staffId: lin, reason: '外出送材料' });
    expect(refusal(() => h.run({ type: 'call-next', windowId: '2', staffId: lin })).code).toBe('window-paused');
    expect(h.log.length).toBe(before + 1);
    expect(h.state.windows.get('2')).toMatchObject({ status: 'paused', pauseReason: '外出送材料' });
  });

  it('signs staff in on their A or B post and out again', () => {
    const h = new DomainHarness();
    const heLan = h.addStaff('he.lan'); // window 1: A zhou.min, B he.lan
    h.run({ type: 'sign-in', windowId: '1', staffId: heLan });
    expect(h.state.windows.get('1')).toMatchObject({ status: 'open', staffId: heLan, post: 'B' });
    expect(refusal(() => h.run({ type: 'sign-in', windowId: '5', staffId: heLan })).code).toBe('signed-in-elsewhere');
    h.run({ type: 'sign-out', windowId: '1', staffId: heLan });
    expect(h.state.windows.get('1')).toMatchObject({ status: 'closed', staffId: undefined });
  });

  it('a rating binds once to the last finished visit within the rating window', () => {
    const { h, lin } = hall();
    const t = h.issue('consult');
    h.callNext('2', lin);
    h.run({ type: 'finish', windowId: '2', staffId: lin });
    h.run({ type: 'rate', windowId: '2', score: 'dissatisfied', source: 'pad', followUpId: 'f1' });
    expect(h.state.tickets.get(t)!.rating).toBe('dissatisfied');
    expect(h.state.followUps.get('f1')).toMatchObject({ ticketId: t, status: 'open' });
    expect(refusal(() => h.run({ type: 'rate', windowId: '2', score: 'satisfied', source: 'pad', followUpId: 'f2' })).code).toBe('nothing-to-rate');
    const t2 = h.issue('consult');
    h.callNext('2', lin);
    h.run({ type: 'finish', windowId: '2', staffId: lin });
    h.advance(3); // past the 120 s rating window
    expect(refusal(() => h.run({ type: 'rate', windowId: '2', score: 'satisfied', source: 'pad', followUpId: 'f3' })).code).toBe('nothing-to-rate');
    expect(h.state.tickets.get(t2)!.rating).toBeUndefined();
  });
});
