// The ledger store interface. Nothing outside a store implementation speaks SQL: the SQLite store is
// the embedded default, a PostgreSQL store implements the same interface.
import type { StoredEvent } from '../domain/events.js';
import type { SubjectKeyLookup } from '../domain/evolve.js';
import type { VisitFact } from '../domain/stats.js';
import type { Complaint, FollowUp, RatingScore, Role, Staff, Ticket, WindowState } from '../domain/types.js';
import type { VerifyResult } from './hash-chain.js';
import type { PersonalRecord } from './personal-vault.js';

export interface AccountRecord {
  username: string;
  staffId: string;
  role: Role;
  passwordHash: string;
  updatedAt: number;
}

/** Projection documents changed by a batch, written in the same transaction as its events. */
export interface ProjectionChanges {
  tickets: Ticket[];
  windows: WindowState[];
  staff: Staff[];
  followUps: FollowUp[];
  complaints: Complaint[];
}

export interface CommitBatch {
  /** Numbered by the committer: the first must follow the store's head. */
  events: Omit<StoredEvent, 'hash' | 'prevHash'>[];
  personal: PersonalRecord[];
  accounts: AccountRecord[];
  projections: ProjectionChanges;
  /**
   * Erase personal records created before this instant, in the same transaction (a purge event) — all
   * but those a current staff member's `personalRef` (staff projection) points to.
   */
  purgeBefore?: number;
}

export interface VisitQuery {
  fromDay: string;
  toDay: string;
  serviceId?: string;
  windowId?: string;
  staffId?: string;
  rating?: RatingScore;
  /** Case-insensitive substring of the matter (办理事项) or the outcome (办理过程及结果). */
  text?: string;
  /** Newest visit first (the ledger browser); default oldest first (exports, reports). */
  newestFirst?: boolean;
  limit?: number;
  offset?: number;
}

/** A visit as the ledger lists it: the ticket document plus the masked personal fields. */
export interface VisitRecord {
  ticket: Ticket;
  maskedName: string | null;
  maskedPhone: string | null;
}

export interface LedgerStore {
  readonly kind: 'sqlite' | 'postgres';
  head(): Promise<{ seq: number; hash: string }>;
  /**
   * Commits one batch atomically. Under the store's write lock it first hands `prepare` the events
   * after `afterSeq` that another hub process committed (always none for a single-process store); the
   * batch `prepare` returns — numbered to follow them — is then written, or nothing when it returns null.
   * `subjectKeyOf` gives the pseudonyms of those events' personal records (one ticket per ID number).
   */
  commit(afterSeq: number, prepare: (newer: StoredEvent[], subjectKeyOf: SubjectKeyLookup) => CommitBatch | null): Promise<StoredEvent[]>;
  /** Calls back whenever another process appended events (shared stores only). */
  watch?(onAppended: () => void): Promise<void>;
  /**
   * Shared stores only: the complete configuration of a `config.changed` event, sealed by the hub (it
   * holds kiosk and screen keys, which the event body never does), so the other hubs can put it in force.
   * A put drops copies superseded for over an hour.
   */
  putSealedConfig?(ref: string, at: number, sealed: Buffer): Promise<void>;
  sealedConfig?(ref: string): Promise<Buffer | undefined>;
  /** Events after `afterSeq` in order, at most `limit`. */
  readEvents(afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /**
   * Events of these types with fromMs <= at < toMs in ledger order (newest first on request), at most
   * `limit` — the audit trail (reveals, configuration changes, purges). Optional: without it the audit
   * trail pages through readEvents.
   */
  eventsOfType?(types: string[], range: { fromMs?: number; toMs?: number; limit?: number; newestFirst?: boolean }): Promise<StoredEvent[]>;
  verify(): Promise<VerifyResult>;

  ticket(id: string): Promise<Ticket | undefined>;
  visits(query: VisitQuery): Promise<VisitRecord[]>;
  /** How many visits match the query's filters (limit/offset ignored). */
  countVisits(query: VisitQuery): Promise<number>;
  /** The statistics' view of the matching visits (limit/offset ignored), read from columns, not documents. */
  visitFacts(query: VisitQuery): Promise<VisitFact[]>;
  followUps(status?: 'open' | 'done'): Promise<FollowUp[]>;
  complaints(): Promise<Complaint[]>;

  personal(refs: string[]): Promise<PersonalRecord[]>;
  subjectKeys(refs: string[]): Promise<Map<string, string>>;
  /**
   * How many personal records created before `beforeMs` still hold data. Like the purge (CommitBatch
   * purgeBefore), it leaves out the record a current staff member's `personalRef` points to (their phone).
   */
  countPersonalBefore(beforeMs: number): Promise<number>;

  account(username: string): Promise<AccountRecord | undefined>;
  accountCount(): Promise<number>;
  setPassword(username: string, passwordHash: string, now: number): Promise<void>;

  close(): Promise<void>;
}
