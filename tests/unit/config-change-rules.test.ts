// The queue domain's rules for a configuration changed while the hall is open, the staff record
// changes, and the reveal rules — pure, through decide/evolve as the committer runs them.
import { describe, expect, it } from 'vitest';
import { demoCenter } from '../../server/config/demo-center.js';
import { parseConfig } from '../../server/config/load-config.js';
import type { CenterConfig, CenterConfigInput } from '../../server/config/schema.js';
import type { Command } from '../../server/domain/commands.js';
import { DomainHarness, refusal } from '../support/domain-harness.js';

function withKeys(): CenterConfigInput {
  const c = demoCenter();
  c.windows = c.windows.map((w) => (w.id === '2' ? { ...w, screenKey: 'screen-key-2' } : w));
  return c;
}

function hall() {
  const h = new DomainHarness(withKeys());
  const lin = h.addStaff('lin.qiao');
  const tang = h.addStaff('tang.wei');
  h.run({ type: 'sign-in', windowId: '2', staffId: lin }); // consult
  h.run({ type: 'sign-in', windowId: '5', staffId: tang }); // mediation
  return { h, lin, tang };
}

/** A change-config command from the demo configuration after `edit`. */
function change(edit: (c: CenterConfig) => void, source: 'admin' | 'file' = 'admin'): Command {
  const c = parseConfig(withKeys(), 'test');
  edit(c);
  return { type: 'change-config', services: c.services, windows: c.windows, rules: c.rules, changes: [{ section: 'test', action: 'updated' }], configHash: 'h', source, by: 'admin' };
}

const dropService = (id: string) => (c: CenterConfig) => {
  c.services = c.services.filter((s) => s.id !== id);
  c.windows = c.windows.map((w) => ({ ...w, services: w.services.filter((s) => s !== id) })).filter((w) => w.services.length > 0);
};

describe('a configuration change while the hall is open', () => {
  it('records nothing when nothing changed', () => {
    const { h } = hall();
    const cmd = change(() => {});
    expect(h.run({ ...cmd, changes: [] } as Command)).toEqual([]);
  });

  it('refuses to remove a service while its tickets wait or are served, and allows it once they are done', () => {
    const { h, tang } = hall();
    const waiting = h.issue('mediation');
    const r = refusal(() => h.run(change(dropService('mediation'))));
    expect(r).toMatchObject({ kind: 'conflict', code: 'service-in-use' });
    expect(r.message).toContain('人民调解');
    expect(h.state.services.has('mediation')).toBe(true); // nothing changed
    h.callNext('5', tang);
    expect(refusal(() => h.run(change(dropService('mediation')))).code).toBe('service-in-use'); // called still counts
    h.run({ type: 'start', windowId: '5', staffId: tang });
    h.run({ type: 'finish', windowId: '5', staffId: tang });
    h.run({ type: 'sign-out', windowId: '5', staffId: tang });
    const events = h.run(change(dropService('mediation')));
    expect(events.map((e) => e.type)).toEqual(['config.changed']);
    expect(h.state.services.has('mediation')).toBe(false);
    expect(h.state.tickets.get(waiting)!.status).toBe('done');
  });

  it('refuses to leave waiting tickets with no window serving their service', () => {
    const { h } = hall();
    h.issue('notary');
    const r = refusal(() => h.run(change((c) => {
      c.windows = c.windows.map((w) => (w.id === '6' ? { ...w, services: ['forensic'] } : w));
    })));
    expect(r).toMatchObject({ code: 'service-unserved' });
    // another window taking notary over keeps them served
    expect(h.run(change((c) => {
      c.windows = c.windows.map((w) => (w.id === '6' ? { ...w, services: ['forensic'] } : w.id === '1' ? { ...w, services: [...w.services, 'notary'] } : w));
    }))).toHaveLength(1);
  });

  it('refuses to remove a staffed window or one a ticket was transferred to', () => {
    const { h, lin, tang } = hall();
    expect(refusal(() => h.run(change((c) => { c.windows = c.windows.filter((w) => w.id !== '2'); }))).code).toBe('window-in-use');
    h.issue('mediation');
    h.callNext('5', tang);
    h.run({ type: 'transfer', windowId: '5', staffId: tang, toWindowId: '7' });
    expect(refusal(() => h.run(change((c) => { c.windows = c.windows.filter((w) => w.id !== '7'); }))).code).toBe('window-has-transfers');
    // an idle, empty window goes; a new one arrives closed
    h.run(change((c) => {
      c.windows = c.windows.filter((w) => w.id !== '3');
      c.windows.push({ id: '8', name: '8号窗口', services: ['consult'] });
    }));
    expect(h.state.windows.has('3')).toBe(false);
    expect(h.state.windowDefs.has('3')).toBe(false);
    expect(h.state.windows.get('8')).toMatchObject({ status: 'closed' });
    expect(h.state.windows.get('2')).toMatchObject({ status: 'open', staffId: lin });
  });

  it('keeps numbers unique when a prefix changes mid-day', () => {
    const { h, lin } = hall();
    expect(h.state.tickets.get(h.issue('consult'))!.number).toBe('B001');
    expect(h.state.tickets.get(h.issue('consult'))!.number).toBe('B002');
    // consult moves to H: its sequence continues, the waiting B002 keeps its number
    h.run(change((c) => { c.services = c.services.map((s) => (s.id === 'consult' ? { ...s, prefix: 'H' } : s)); }));
    expect(h.state.tickets.get(h.issue('consult'))!.number).toBe('H003');
    expect(h.callNext('2', lin)).toBeDefined();
    // B numbered consult today: it may not go to another service until tomorrow
    const taken = refusal(() => h.run(change((c) => {
      c.services = c.services.map((s) => (s.id === 'consult' ? { ...s, prefix: 'H' } : s.id === 'reception' ? { ...s, prefix: 'B' } : s));
    })));
    expect(taken).toMatchObject({ kind: 'conflict', code: 'prefix-used-today', field: 'services[0].prefix' });
    // consult itself may go back to B: its own sequence keeps B004 apart from B001/B002
    h.run(change(() => {}));
    expect(h.state.tickets.get(h.issue('consult'))!.number).toBe('B004');
    h.now = Date.parse('2026-11-24T08:00:00+08:00');
    h.run({ type: 'roll-over' });
    expect(h.run(change((c) => {
      c.services = c.services.map((s) => (s.id === 'consult' ? { ...s, prefix: 'H' } : s.id === 'reception' ? { ...s, prefix: 'B' } : s));
    }))).toHaveLength(1);
  });

  it('treats a transferred ticket as numbered by the service that issued it', () => {
    const { h, tang } = hall();
    h.issue('mediation'); // D001
    h.callNext('5', tang);
    h.run({ type: 'transfer', windowId: '5', staffId: tang, toServiceId: 'consult' });
    const r = refusal(() => h.run(change((c) => {
      c.services = c.services.map((s) => (s.id === 'mediation' ? { ...s, prefix: 'M' } : s.id === 'consult' ? { ...s, prefix: 'D' } : s));
    })));
    expect(r.code).toBe('prefix-used-today');
  });

  it('refuses a time-zone change under live tickets, and unknown staff in A/B posts', () => {
    const { h } = hall();
    h.issue('consult');
    expect(refusal(() => h.run(change((c) => { c.rules = { ...c.rules, timeZone: 'Asia/Urumqi' }; }))).code).toBe('time-zone-in-use');
    const posts = refusal(() => h.run(change((c) => { c.windows[1] = { ...c.windows[1]!, posts: { A: 'lin.qiao', B: 'nobody' } }; })));
    expect(posts).toMatchObject({ kind: 'invalid', field: 'windows[1].posts.B' });
  });

  it('takes the technician\'s file at start without the open-hall checks', () => {
    const { h } = hall();
    h.issue('mediation');
    expect(h.run(change(dropService('mediation'), 'file'))).toHaveLength(1);
  });

  it('applies new rules and definitions, keeps screen keys out of the event and on the windows', () => {
    const { h } = hall();
    const [e] = h.run(change((c) => {
      c.rules = { ...c.rules, greenCap: 5 };
      c.services = c.services.map((s) => (s.id === 'consult' ? { ...s, name: '法律咨询（律师值班）', materials: ['身份证'] } : s));
    }));
    expect(JSON.stringify(e)).not.toContain('screen-key-2');
    expect(h.state.rules.greenCap).toBe(5);
    expect(h.state.services.get('consult')).toMatchObject({ name: '法律咨询（律师值班）', materials: ['身份证'] });
    expect(h.state.windowDefs.get('2')!.screenKey).toBe('screen-key-2');
  });
});

describe('staff records', () => {
  it('updates only what is given, refuses an unknown person', () => {
    const { h, lin } = hall();
    expect(h.run({ type: 'update-staff', staffId: lin, by: 'admin' })).toEqual([]);
    h.run({ type: 'update-staff', staffId: lin, title: '执业律师', photo: '/api/v1/staff/x/photo?v=1', personal: { ref: 'r1', commitment: 'c' }, by: 'admin' });
    expect(h.state.staff.get(lin)).toMatchObject({ title: '执业律师', name: 'lin.qiao', photo: '/api/v1/staff/x/photo?v=1', personalRef: 'r1' });
    h.run({ type: 'update-staff', staffId: lin, photo: null, personal: null, by: 'admin' });
    expect(h.state.staff.get(lin)!.photo).toBeUndefined();
    expect(h.state.staff.get(lin)!.personalRef).toBeUndefined();
    expect(refusal(() => h.run({ type: 'update-staff', staffId: 'nobody', name: 'x', by: 'admin' })).kind).toBe('not-found');
  });
});

describe('reveal', () => {
  it('admin any ticket; staff only the ticket called or served at their window; a reason always', () => {
    const { h, lin, tang } = hall();
    const id = h.issue('consult');
    const reveal = (by: string, role: 'admin' | 'staff' | 'director', reason = '核对身份信息') => h.run({ type: 'reveal', ticketId: id, number: 'B001', by, role, reason });
    expect(refusal(() => reveal('admin', 'admin', ' 看看 '))).toMatchObject({ kind: 'invalid', field: 'reason' });
    expect(reveal('admin', 'admin')[0]).toMatchObject({ type: 'personal.revealed', data: { ticketId: id, by: 'admin', role: 'admin', reason: '核对身份信息' } });
    expect(refusal(() => reveal(lin, 'staff')).kind).toBe('forbidden'); // still waiting
    h.callNext('2', lin);
    expect(refusal(() => reveal(tang, 'staff')).kind).toBe('forbidden');
    expect(refusal(() => reveal('dir', 'director')).kind).toBe('forbidden');
    expect(reveal(lin, 'staff')[0]!.data).toMatchObject({ windowId: '2', by: lin });
  });
});
