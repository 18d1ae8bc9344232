// Property-based tests over random operation sequences: no ticket served twice, none lost, the order
// rules hold at every call, numbers unique per service and day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../server/domain/errors.js';
import { aheadOf, waitingCount } from '../../server/domain/queue-order.js';
import type { Ticket } from '../../server/domain/types.js';
import { DomainHarness } from '../support/domain-harness.js';

const WINDOWS = ['2', '3', '4', '5'] as const; // consult | consult+reception | legal-aid+consult | mediation
const SERVICES = ['consult', 'reception', 'legal-aid', 'mediation'] as const;

const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('issue' as const), service: fc.constantFrom(...SERVICES), green: fc.boolean(), count: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 10, arbitrary: fc.record({ k: fc.constant('call' as const), w: fc.constantFrom(...WINDOWS), thenFinish: fc.integer({ min: 0, max: 9 }).map((n) => n < 7) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constantFrom('recall' as const, 'start' as const, 'finish' as const, 'no-show' as const), w: fc.constantFrom(...WINDOWS) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('transfer' as const), w: fc.constantFrom(...WINDOWS), toService: fc.option(fc.constantFrom(...SERVICES), { nil: undefined }), toWindow: fc.constantFrom(...WINDOWS) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pause' as const), w: fc.constantFrom(...WINDOWS) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('resume' as const), w: fc.constantFrom(...WINDOWS) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('reactivate' as const, 'cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 240 }) }) },
);

function setup() {
  const h = new DomainHarness();
  const staff = new Map<string, string>();
  WINDOWS.forEach((w, i) => {
    const id = h.addStaff(`s${i}`);
    staff.set(w, id);
    h.run({ type: 'sign-in', windowId: w, staffId: id });
  });
  return { h, staff };
}

/** Checks the pick against the order rules, stated independently of the implementation. */
function checkPick(h: DomainHarness, windowId: string, picked: Ticket, waitingBefore: Ticket[], consecutiveGreen: number) {
  const def = h.state.windowDefs.get(windowId)!;
  const eligible = waitingBefore.filter((t) => t.targetWindowId === windowId || (t.targetWindowId === undefined && def.services.includes(t.serviceId)));
  expect(eligible.some((t) => t.id === picked.id)).toBe(true);
  const targeted = eligible.filter((t) => t.targetWindowId === windowId);
  if (targeted.length > 0) return expect(picked.targetWindowId).toBe(windowId);
  const front = eligible.filter((t) => t.lane === 'front');
  if (front.length > 0) return expect(picked.id).toBe(front.reduce((a, b) => (a.orderKey <= b.orderKey ? a : b)).id);
  const earliest = (p: Ticket['priority']) => eligible.filter((t) => t.priority === p).sort((a, b) => a.orderKey - b.orderKey)[0];
  const green = earliest('green');
  const normal = earliest('normal');
  // A green ticket never waits behind a normal one — unless the window already called `greenCap` greens in a row.
  const expected = green && (!normal || consecutiveGreen < h.state.rules.greenCap) ? green : normal;
  expect(picked.id).toBe(expected!.id);
}

describe('queue properties', () => {
  it('random operation sequences keep every invariant', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 200, size: 'max' }), (ops) => {
        const { h, staff } = setup();
        const numbers = new Map<string, string>(); // `${day}|${issuing service}|${number}` → ticket id
        const finished = new Set<string>();
        for (const o of ops) {
          try {
            switch (o.k) {
              case 'issue':
                for (let i = 0; i < o.count; i++) {
                  const id = h.issue(o.service, o.green ? 'green' : 'normal');
                  const t = h.state.tickets.get(id)!;
                  const key = `${t.day}|${o.service}|${t.number}`;
                  expect(numbers.has(key)).toBe(false);
                  numbers.set(key, id);
                }
                break;
              case 'call': {
                h.run({ type: 'roll-over' }); // a day change settles first, as in the committer
                const waitingBefore = [...h.state.tickets.values()].filter((t) => t.status === 'waiting').map((t) => ({ ...t }));
                const streak = h.state.windows.get(o.w)!.consecutiveGreen;
                const id = h.callNext(o.w, staff.get(o.w)!);
                if (id) {
                  checkPick(h, o.w, waitingBefore.find((t) => t.id === id)!, waitingBefore, streak);
                  // a whole serve cycle makes long call streaks at one window likely
                  if (o.thenFinish) {
                    h.run({ type: 'finish', windowId: o.w, staffId: staff.get(o.w)! });
                    expect(finished.has(id)).toBe(false);
                    finished.add(id);
                  }
                } else {
                  const def = h.state.windowDefs.get(o.w)!;
                  expect(waitingBefore.filter((t) => t.targetWindowId === o.w || (t.targetWindowId === undefined && def.services.includes(t.serviceId)))).toEqual([]);
                }
                break;
              }
              case 'finish': {
                const cur = h.state.windows.get(o.w)!.currentTicketId;
                h.run({ type: 'finish', windowId: o.w, staffId: staff.get(o.w)! });
                expect(finished.has(cur!)).toBe(false);
                finished.add(cur!);
                break;
              }
              case 'recall':
              case 'start':
              case 'no-show':
              case 'pause':
              case 'resume':
                h.run(o.k === 'pause' ? { type: 'pause', windowId: o.w, staffId: staff.get(o.w)!, reason: 'x' } : { type: o.k, windowId: o.w, staffId: staff.get(o.w)! });
                break;
              case 'transfer':
                h.run({ type: 'transfer', windowId: o.w, staffId: staff.get(o.w)!, ...(o.toService ? { toServiceId: o.toService } : { toWindowId: o.toWindow }) });
                break;
              case 'reactivate':
              case 'cancel': {
                const pool = [...h.state.tickets.values()].filter((t) => t.status === (o.k === 'reactivate' ? 'no-show' : 'waiting'));
                const t = pool[o.pick % Math.max(1, pool.length)];
                if (t) h.run(o.k === 'reactivate' ? { type: 'reactivate', ticketId: t.id, staffId: 's' } : { type: 'cancel', ticketId: t.id, by: 's' });
                break;
              }
              case 'wait':
                h.advance(o.minutes);
                break;
            }
          } catch (err) {
            if (!(err instanceof Refusal)) throw err;
          }
          // Structural invariants after every step.
          const current = new Map<string, string>();
          for (const w of h.state.windows.values()) {
            if (!w.currentTicketId) continue;
            expect(current.has(w.currentTicketId)).toBe(false); // never at two windows
            current.set(w.currentTicketId, w.id);
            const t = h.state.tickets.get(w.currentTicketId)!;
            expect(['called', 'serving']).toContain(t.status);
            expect(t.windowId).toBe(w.id);
          }
          for (const t of h.state.tickets.values()) {
            if (t.status === 'called' || t.status === 'serving') expect(current.get(t.id)).toBe(t.windowId);
          }
          // Waiting counts (kept per state revision) always equal a fresh count.
          for (const id of h.state.services.keys()) {
            expect(waitingCount(h.state, id)).toBe([...h.state.tickets.values()].filter((t) => t.status === 'waiting' && t.serviceId === id).length);
          }
        }
        // `ahead` is the position in the queue's call order (front lane, green, normal; then order).
        const waitingNow = [...h.state.tickets.values()].filter((t) => t.status === 'waiting');
        const rankOf = (t: Ticket) => (t.lane === 'front' ? 0 : t.priority === 'green' ? 1 : 2);
        for (const t of waitingNow) {
          const queue = waitingNow
            .filter((u) => (t.targetWindowId !== undefined ? u.targetWindowId === t.targetWindowId : u.targetWindowId === undefined && u.serviceId === t.serviceId))
            .sort((a, b) => rankOf(a) - rankOf(b) || a.orderKey - b.orderKey);
          expect(aheadOf(h.state, t)).toBe(queue.indexOf(t));
        }
        // None lost: open every window and drain; each of today's waiting tickets is called exactly once.
        h.run({ type: 'roll-over' }); // settle a pending day change first, as the committer does
        for (const w of WINDOWS) {
          const sid = staff.get(w)!;
          const win = h.state.windows.get(w)!;
          if (win.status === 'paused') h.run({ type: 'resume', windowId: w, staffId: sid });
          if (win.currentTicketId) h.run({ type: 'finish', windowId: w, staffId: sid });
        }
        const waiting = new Set([...h.state.tickets.values()].filter((t) => t.status === 'waiting').map((t) => t.id));
        const drained = new Set<string>();
        for (let progress = true; progress; ) {
          progress = false;
          for (const w of WINDOWS) {
            const id = h.callNext(w, staff.get(w)!);
            if (!id) continue;
            expect(drained.has(id)).toBe(false);
            drained.add(id);
            h.run({ type: 'finish', windowId: w, staffId: staff.get(w)! });
            progress = true;
          }
        }
        // Tickets transferred to a window only that window calls; mediation only window 5, etc. — all windows drained.
        expect(drained).toEqual(waiting);
      }),
      { numRuns: Number(process.env.QP_RUNS ?? 250) },
    );
  }, 120_000);
});
