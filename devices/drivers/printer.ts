// Ticket printer: checks real-time status before every job and every few seconds, prints tickets,
// and never prints the same job id twice.

import type { DeviceHealth, PrintOutcome, TicketPrintJob } from '../contract.js';
import { statusRequest } from '../printer/escpos.js';
import { JobMemory } from '../printer/job-memory.js';
import { interpretStatus, isOffline, type PrinterStatus, type StatusAnswers, type StatusQuery } from '../printer/status.js';
import { layoutTicket, type TicketLayoutOptions } from '../printer/ticket-layout.js';
import type { ReconnectingTransport } from '../transport/reconnecting.js';
import { TaskQueue } from '../util/task-queue.js';
import { HealthTracker, type Driver } from './health.js';

export interface PrinterDriverOptions {
  id: string;
  link: ReconnectingTransport;
  onHealth: (health: DeviceHealth) => void;
  /** Ask DLE EOT before jobs and on a timer. Off for one-way links; then health follows the link. Default true. */
  statusQuery?: boolean;
  pollIntervalMs?: number;
  statusTimeoutMs?: number;
  /** How many printed job ids to remember. */
  rememberJobs?: number;
  layout?: TicketLayoutOptions;
}

const PRINTABLE = new Set(['ok', 'paper-low']);

export class PrinterDriver implements Driver {
  private readonly tracker: HealthTracker;
  private readonly queue = new TaskQueue();
  private readonly printed: JobMemory;
  private readonly inFlight = new Map<string, Promise<PrintOutcome>>();
  private pendingStatus: ((byte: number) => void) | undefined;
  private poller: NodeJS.Timeout | undefined;

  constructor(private readonly options: PrinterDriverOptions) {
    this.tracker = new HealthTracker(options.id, 'printer', options.onHealth);
    this.printed = new JobMemory(options.rememberJobs);
  }

  private get link(): ReconnectingTransport {
    return this.options.link;
  }

  start(): void {
    this.link.on('data', (chunk) => {
      const answer = this.pendingStatus;
      this.pendingStatus = undefined;
      if (answer && chunk.length > 0) answer(chunk[0] as number);
    });
    this.link.on('up', () => void this.refreshHealth());
    this.link.on('down', (reason) => this.tracker.set('offline', reason));
    this.link.start();
    this.poller = setInterval(() => void this.refreshHealth(), this.options.pollIntervalMs ?? 5000);
    this.poller.unref();
  }

  health(): DeviceHealth[] {
    return [this.tracker.current];
  }

  print(job: TicketPrintJob): Promise<PrintOutcome> {
    if (this.printed.has(job.jobId)) return Promise.resolve('queued');
    const running = this.inFlight.get(job.jobId);
    if (running) return running;
    const outcome = this.queue.run(() => this.printNow(job)).finally(() => this.inFlight.delete(job.jobId));
    this.inFlight.set(job.jobId, outcome);
    return outcome;
  }

  async close(): Promise<void> {
    clearInterval(this.poller);
    await this.link.close();
  }

  private async printNow(job: TicketPrintJob): Promise<PrintOutcome> {
    const status = await this.readStatus();
    this.tracker.set(status.state, status.detail);
    if (!PRINTABLE.has(status.state)) return 'failed';
    try {
      await this.link.write(layoutTicket(job, this.options.layout));
    } catch (e) {
      this.tracker.set('offline', (e as Error).message);
      return 'failed';
    }
    this.printed.add(job.jobId);
    return 'queued';
  }

  private refreshHealth(): Promise<void> {
    return this.queue.run(async () => {
      const status = await this.readStatus();
      this.tracker.set(status.state, status.detail);
    });
  }

  /** n=1 always and n=4 for paper near end; when n=1 says offline, n=2 and n=3 tell why. */
  private async readStatus(): Promise<PrinterStatus> {
    if (!this.link.isUp) return { state: 'offline', detail: this.link.downReason };
    if (this.options.statusQuery === false) return { state: 'ok' };
    const answers: StatusAnswers = {};
    const ask = async (n: StatusQuery): Promise<number | undefined> => {
      const byte = await this.queryStatus(n);
      if (byte !== undefined) answers[n] = byte;
      return byte;
    };
    const n1 = await ask(1);
    if (n1 !== undefined) {
      await ask(4);
      if (isOffline(n1)) {
        await ask(2);
        await ask(3);
      }
    }
    return interpretStatus(answers);
  }

  private queryStatus(n: StatusQuery): Promise<number | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingStatus = undefined;
        resolve(undefined);
      }, this.options.statusTimeoutMs ?? 500);
      this.pendingStatus = (byte) => {
        clearTimeout(timer);
        resolve(byte);
      };
      this.link.write(statusRequest(n)).catch(() => {
        clearTimeout(timer);
        this.pendingStatus = undefined;
        resolve(undefined);
      });
    });
  }
}
