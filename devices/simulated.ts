// Simulated devices for kiosks and windows that have none configured (the demo center, tests, a
// hall before its hardware arrives). They behave like the real drivers toward the hub: the printer
// decodes and keeps what it would print and never prints a job id twice; the reader validates a
// placed card exactly as a real read would (through the same text block parser).

import type {
  CardIdentity,
  DeviceHealth,
  DeviceKind,
  DeviceState,
  HubPort,
  IdentityRead,
  KeyAction,
  PrintedTicket,
  PrintOutcome,
  RatingScore,
  TicketPrintJob,
} from './contract.js';
import { HealthTracker } from './drivers/health.js';
import { cardReadError, encodeIdText, parseIdText, type IdTextExtras } from './idcard/id-text.js';
import { decodeEscPos, printedQrPayloads, printedText, type EscPosOp } from './printer/escpos-decode.js';
import { JobMemory } from './printer/job-memory.js';
import { printedLines } from './printer/printed-lines.js';
import { layoutTicket, type TicketLayoutOptions } from './printer/ticket-layout.js';

const PRINTABLE: ReadonlySet<DeviceState> = new Set(['simulated', 'ok', 'paper-low']);

export interface SimulatedJob {
  job: TicketPrintJob;
  ops: EscPosOp[];
  text: string;
  qr: string[];
  printedAt: string;
}

/** Jobs a simulated printer keeps for the admin preview (older ones are dropped: a demo runs for days). */
export const SIMULATED_JOBS_KEPT = 20;

class SimulatedDevice {
  protected readonly tracker: HealthTracker;

  constructor(id: string, kind: DeviceKind, onHealth: (h: DeviceHealth) => void) {
    this.tracker = new HealthTracker(id, kind, onHealth, { state: 'simulated' });
  }

  get health(): DeviceHealth {
    return this.tracker.current;
  }

  /** For tests and demos: e.g. a printer out of paper. 'simulated' is the normal state. */
  setState(state: DeviceState, detail?: string): void {
    this.tracker.set(state, detail);
  }
}

export class SimulatedPrinter extends SimulatedDevice {
  readonly jobs: SimulatedJob[] = [];
  private readonly printed = new JobMemory();

  constructor(id: string, readonly kioskId: string, onHealth: (h: DeviceHealth) => void, private readonly layout?: TicketLayoutOptions) {
    super(id, 'printer', onHealth);
  }

  async print(job: TicketPrintJob): Promise<PrintOutcome> {
    if (this.printed.has(job.jobId)) return 'queued';
    if (!PRINTABLE.has(this.health.state)) return 'failed';
    const ops = decodeEscPos(layoutTicket(job, this.layout));
    this.jobs.push({ job, ops, text: printedText(ops), qr: printedQrPayloads(ops), printedAt: new Date().toISOString() });
    if (this.jobs.length > SIMULATED_JOBS_KEPT) this.jobs.splice(0, this.jobs.length - SIMULATED_JOBS_KEPT);
    this.printed.add(job.jobId);
    return 'queued';
  }

  /** The kept tickets as a person would read them on paper, oldest first. */
  preview(): PrintedTicket[] {
    return this.jobs.map(({ job, ops, printedAt }) => ({
      jobId: job.jobId,
      ticketId: job.ticketId,
      number: job.number,
      reprint: job.reprint === true,
      printedAt,
      lines: printedLines(ops),
    }));
  }
}

export class SimulatedIdReader extends SimulatedDevice {
  constructor(id: string, readonly kioskId: string, onHealth: (h: DeviceHealth) => void, private readonly onRead: (read: IdentityRead) => void) {
    super(id, 'idcard', onHealth);
  }

  /** A card placed on the reader: goes through the same text block as a real card. */
  placeCard(identity: CardIdentity, extras: IdTextExtras = {}): IdentityRead {
    const parsed = parseIdText(encodeIdText(identity, extras));
    const read: IdentityRead = parsed.ok ? { identity: parsed.identity } : cardReadError(parsed);
    this.onRead(read);
    return read;
  }
}

export class SimulatedRatingPad extends SimulatedDevice {
  constructor(id: string, readonly windowId: string, onHealth: (h: DeviceHealth) => void, private readonly hub: Pick<HubPort, 'ratingPressed'>) {
    super(id, 'rating-pad', onHealth);
  }

  press(score: RatingScore): void {
    this.hub.ratingPressed(this.windowId, score, this.health.id);
  }
}

export class SimulatedKeypad extends SimulatedDevice {
  constructor(id: string, readonly windowId: string, onHealth: (h: DeviceHealth) => void, private readonly hub: Pick<HubPort, 'keyPressed'>) {
    super(id, 'keypad', onHealth);
  }

  press(action: KeyAction): void {
    this.hub.keyPressed(this.windowId, action, this.health.id);
  }
}
