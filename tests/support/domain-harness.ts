// Drives the pure domain the way the committer does: decide, number, evolve.
import { parseConfig } from '../../server/config/load-config.js';
import { demoCenter } from '../../server/config/demo-center.js';
import type { CenterConfigInput } from '../../server/config/schema.js';
import type { Command } from '../../server/domain/commands.js';
import { decide } from '../../server/domain/decide.js';
import type { StoredEvent } from '../../server/domain/events.js';
import { Refusal } from '../../server/domain/errors.js';
import { evolve, pruneSettled } from '../../server/domain/evolve.js';
import { businessDay } from '../../server/domain/business-day.js';
import { createState } from '../../server/domain/state.js';
import type { QueueState } from '../../server/domain/types.js';

/** The Refusal that `fn` throws; fails if it throws anything else or nothing. */
export function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

export class DomainHarness {
  readonly state: QueueState;
  readonly log: StoredEvent[] = [];
  now: number;
  private ids = 0;

  constructor(config: CenterConfigInput = demoCenter(), start = Date.parse('2026-11-23T09:00:00+08:00')) {
    const c = parseConfig(config, 'test');
    this.now = start;
    this.state = createState({ rules: c.rules, services: c.services, windows: c.windows, day: businessDay(start, c.rules.timeZone) });
  }

  id(prefix = 'id'): string {
    return `${prefix}-${++this.ids}`;
  }

  /** Runs a command; returns its events, or throws the domain's Refusal (state untouched). */
  run(cmd: Command, subjectKeys: Record<string, string> = {}): StoredEvent[] {
    if (businessDay(this.now, this.state.rules.timeZone) !== this.state.day) {
      this.apply(decide(this.state, { type: 'roll-over' }, this.now), subjectKeys);
      pruneSettled(this.state, this.now);
    }
    return this.apply(decide(this.state, cmd, this.now), subjectKeys);
  }

  private apply(events: ReturnType<typeof decide>, subjectKeys: Record<string, string>): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (const e of events) {
      const stored = { ...e, seq: this.log.length + 1, hash: '', prevHash: '' } as StoredEvent;
      evolve(this.state, stored, (ref) => subjectKeys[ref]);
      this.log.push(stored);
      out.push(stored);
    }
    return out;
  }

  advance(minutes: number): void {
    this.now += minutes * 60_000;
  }

  addStaff(username: string): string {
    const staffId = `staff-${username}`;
    this.run({ type: 'create-staff', staffId, username, name: username, title: '工作人员', employeeNo: username.toUpperCase(), role: 'staff', by: 'test' });
    return staffId;
  }

  issue(serviceId: string, priority: 'normal' | 'green' = 'normal', extra: Partial<Extract<Command, { type: 'issue' }>> = {}): string {
    const ticketId = this.id('t');
    this.run({ type: 'issue', ticketId, serviceId, priority, by: priority === 'green' ? 'staff-front' : undefined, ...extra });
    return ticketId;
  }

  /** The ticket id call-next picks at a window, or undefined when nothing waits. */
  callNext(windowId: string, staffId: string): string | undefined {
    const events = this.run({ type: 'call-next', windowId, staffId });
    return (events[0]?.data as { ticketId?: string } | undefined)?.ticketId;
  }
}
