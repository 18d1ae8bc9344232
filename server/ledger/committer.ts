// The single writer. Commands queue up; each flush decides them in order against the live state,
// applies their events, and commits the whole batch in one transaction (group commit: one fsync for
// everything that arrived while the previous batch was being written). A caller's promise resolves
// only after its events are durable. If a commit fails, the in-memory state is rebuilt from the store.
import { businessDay } from '../domain/business-day.js';
import type { Command } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { Refusal } from '../domain/errors.js';
import { IDEM_FIELD, type EventDraft, type StoredEvent } from '../domain/events.js';
import { evolve, pruneSettled, type SubjectKeyLookup } from '../domain/evolve.js';
import type { QueueState } from '../domain/types.js';
import type { PersonalRecord } from './personal-vault.js';
import type { AccountRecord, CommitBatch, LedgerStore, ProjectionChanges } from './store.js';
import { personalRefsOf } from './stored-rows.js';

/** Event types that can change a window's projection (its current ticket, staff or status). */
const WINDOW_CHANGING = new Set(['ticket.called', 'ticket.finished', 'ticket.no-show', 'ticket.transferred', 'ticket.cancelled', 'window.signed-in', 'window.signed-out', 'window.paused', 'window.resumed']);

export interface Clock {
  now(): number;
}

/** Side rows a command brings along, committed in the same transaction as its events. */
export interface CommandExtras {
  personal?: PersonalRecord[];
  accounts?: AccountRecord[];
  purgeBefore?: number;
  /** A device press's own id: a press already applied resolves with no events instead of acting twice. */
  idempotencyKey?: string;
}

interface Plan {
  accepted: { p: Pending; from: number; to: number }[];
  settleDay: boolean;
  commit: CommitBatch | null;
}

interface Pending {
  cmd: Command;
  extras: CommandExtras;
  resolve: (events: StoredEvent[]) => void;
  reject: (err: unknown) => void;
}

export class Committer {
  private queue: Pending[] = [];
  private flushing = false;
  private syncWanted = false;
  private seq = 0;

  constructor(
    private state: QueueState,
    private readonly store: LedgerStore,
    private readonly clock: Clock,
    private readonly reload: () => Promise<QueueState>,
    private readonly onCommitted: (events: StoredEvent[], state: QueueState) => void,
    /** Events another hub process committed to the shared store, once this hub has applied them. */
    private readonly onAbsorbed: (events: StoredEvent[], state: QueueState) => void = () => undefined,
  ) {}

  /** Absorbed during the current batch or catch-up; announced once it is over (never under the store's lock). */
  private absorbed: StoredEvent[] = [];

  async init(): Promise<void> {
    this.seq = (await this.store.head()).seq;
  }

  get current(): QueueState {
    return this.state;
  }

  /** Resolves with the command's durable events (possibly none), or rejects with a Refusal. */
  submit(cmd: Command, extras: CommandExtras = {}): Promise<StoredEvent[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ cmd, extras, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Brings the state up to events another hub process committed to a shared store (PostgreSQL), so
   * reads and snapshots here are current. Runs in turn with the batches; the single-process store never
   * has any.
   */
  sync(): void {
    this.syncWanted = true;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0 || this.syncWanted) {
      if (this.queue.length === 0) {
        this.syncWanted = false;
        await this.catchUp();
        this.announceAbsorbed();
        continue;
      }
      this.syncWanted = false;
      const batch = this.queue.splice(0);
      await this.commitBatch(batch);
      this.announceAbsorbed();
    }
    this.flushing = false;
  }

  private async catchUp(): Promise<void> {
    try {
      for (;;) {
        const newer = await this.store.readEvents(this.seq, 1000);
        const keys = await this.store.subjectKeys(personalRefsOf(newer));
        this.absorb(newer, (ref) => keys.get(ref));
        if (newer.length < 1000) return;
      }
    } catch (err) {
      console.error('yichuang: catching up with the shared ledger failed, reloading state', err);
      await this.recover([], err);
    }
  }

  /**
   * Events committed by another hub process, applied in order before anything is decided here, with
   * their pseudonyms so one waiting ticket per ID number holds across hubs.
   */
  private absorb(newer: StoredEvent[], subjectKeyOf: SubjectKeyLookup): void {
    for (const e of newer) {
      if (e.seq !== this.seq + 1) throw new Error(`ledger gap: expected event ${this.seq + 1}, got ${e.seq}`);
      evolve(this.state, e, subjectKeyOf);
      this.seq = e.seq;
      this.absorbed.push(e);
    }
  }

  private announceAbsorbed(): void {
    if (this.absorbed.length === 0) return;
    const events = this.absorbed;
    this.absorbed = [];
    try {
      this.onAbsorbed(events, this.state);
    } catch (err) {
      console.error('yichuang: applying events from another hub failed', err);
    }
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    let plan: Plan | undefined;
    let stored: StoredEvent[];
    try {
      // The store calls back under its write lock with whatever other hubs committed meanwhile, so
      // the batch is decided against the whole ledger: numbers stay unique and gap-free across hubs.
      stored = await this.store.commit(this.seq, (newer, subjectKeyOf) => {
        this.absorb(newer, subjectKeyOf);
        plan = this.plan(batch);
        return plan.commit;
      });
    } catch (err) {
      // Refusals are already answered; everyone else learns the write failed and the state is rebuilt.
      await this.recover(batch, err);
      return;
    }
    const { accepted, settleDay } = plan!;
    if (settleDay) pruneSettled(this.state, this.clock.now());
    for (const a of accepted) a.p.resolve(stored.slice(a.from, a.to));
    if (stored.length === 0) return;
    try {
      this.onCommitted(stored, this.state);
    } catch (err) {
      console.error('yichuang: realtime fan-out failed', err);
    }
  }

  /** Decides the batch's commands in order against the live state; null commit when nothing is written. */
  private plan(batch: Pending[]): Plan {
    const now = this.clock.now();
    const drafts: StoredEvent[] = [];
    const accepted: Plan['accepted'] = [];
    const personal = new Map<string, PersonalRecord>();
    const accounts: AccountRecord[] = [];
    let purgeBefore: number | undefined;
    const subjectKeyOf = (ref: string) => personal.get(ref)?.subjectKey;
    // Past days' settled tickets leave memory only after their final state reached the projections.
    const newDay = businessDay(now, this.state.rules.timeZone) !== this.state.day;
    let seq = this.seq;
    const apply = (events: EventDraft[]) => {
      for (const e of events) {
        const numbered = { ...e, seq: ++seq } as StoredEvent;
        evolve(this.state, numbered, subjectKeyOf);
        drafts.push(numbered);
      }
    };

    // A new business day first: yesterday's waiting tickets expire before anything else happens.
    if (newDay) apply(decide(this.state, { type: 'roll-over' }, now));
    for (const p of batch) {
      let events: EventDraft[];
      const key = p.extras.idempotencyKey;
      if (key !== undefined && this.state.applied.has(key)) {
        accepted.push({ p, from: drafts.length, to: drafts.length });
        continue;
      }
      try {
        events = decide(this.state, p.cmd, now);
        if (key !== undefined && events[0]) events[0] = { ...events[0], data: { ...events[0].data, [IDEM_FIELD]: key } } as unknown as EventDraft;
      } catch (err) {
        p.reject(err);
        continue;
      }
      for (const r of p.extras.personal ?? []) personal.set(r.ref, r);
      accounts.push(...(p.extras.accounts ?? []));
      if (p.extras.purgeBefore !== undefined) purgeBefore = p.extras.purgeBefore;
      const from = drafts.length;
      apply(events);
      accepted.push({ p, from, to: drafts.length });
    }
    this.seq = seq;
    const empty = drafts.length === 0 && personal.size === 0 && accounts.length === 0;
    return {
      accepted,
      settleDay: newDay,
      commit: empty ? null : {
        events: drafts.map(({ hash: _h, prevHash: _p, ...e }) => e),
        personal: [...personal.values()],
        accounts,
        projections: this.touched(drafts),
        purgeBefore,
      },
    };
  }

  private async recover(batch: Pending[], err: unknown): Promise<void> {
    console.error('yichuang: ledger commit failed, reloading state', err);
    for (const p of batch) p.reject(err instanceof Refusal ? err : new Error('ledger write failed'));
    this.state = await this.reload();
    this.seq = (await this.store.head()).seq;
  }

  /** The projection documents the batch's events touched. */
  private touched(events: StoredEvent[]): ProjectionChanges {
    const ids = { tickets: new Set<string>(), windows: new Set<string>(), staff: new Set<string>(), followUps: new Set<string>(), complaints: new Set<string>() };
    for (const e of events) {
      const d = e.data as Record<string, unknown>;
      if (typeof d.ticketId === 'string') ids.tickets.add(d.ticketId);
      if (typeof d.staffId === 'string' && (e.type.startsWith('staff.') || e.type.startsWith('window.sign'))) ids.staff.add(d.staffId);
      if (typeof d.followUpId === 'string') ids.followUps.add(d.followUpId);
      if (typeof d.complaintId === 'string') ids.complaints.add(d.complaintId);
    }
    const pick = <T>(map: Map<string, T>, set: Set<string>) => [...set].map((id) => map.get(id)).filter((x): x is T => x !== undefined);
    return {
      tickets: pick(this.state.tickets, ids.tickets),
      // Windows are few and an expiry can change one without naming it: write all when any may have changed.
      windows: events.some((e) => WINDOW_CHANGING.has(e.type)) ? [...this.state.windows.values()] : [],
      staff: pick(this.state.staff, ids.staff),
      followUps: pick(this.state.followUps, ids.followUps),
      complaints: pick(this.state.complaints, ids.complaints),
    };
  }
}
