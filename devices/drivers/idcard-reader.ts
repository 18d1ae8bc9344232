// Resident ID-card reader on the SAM serial protocol: find → select → read in a polling loop.
// One identity (or one error) per card placement: a card left on the reader is not read again
// until the reader has said "no card" a few times in a row.

import type { DeviceHealth, IdentityRead } from '../contract.js';
import { cardReadError, parseIdText } from '../idcard/id-text.js';
import {
  SW3,
  asSamResponse,
  createSamParser,
  describeSw3,
  encodeSamRequest,
  splitReadData,
  type SamCommandName,
  type SamResponse,
} from '../idcard/sam-frame.js';
import type { ReconnectingTransport } from '../transport/reconnecting.js';
import { HealthTracker, type Driver } from './health.js';

export type { IdentityRead } from '../contract.js';

export interface IdCardReaderOptions {
  id: string;
  link: ReconnectingTransport;
  onRead: (read: IdentityRead) => void;
  onHealth: (health: DeviceHealth) => void;
  /** Pause between find-card requests. Default 400 ms. */
  pollIntervalMs?: number;
  /** Wait for a reply; a read reply is ~1.3 kB, which takes ~1.4 s at 9600 baud. Default 2000 ms. */
  responseTimeoutMs?: number;
  /** Tries to read one placed card before reporting an error. Default 3. */
  attemptsPerCard?: number;
  /** "No card" answers in a row that mean the card was taken away. Default 2. */
  removedAfterMisses?: number;
  /** Unanswered requests in a row that make the reader offline. Default 2. */
  offlineAfterSilences?: number;
}

type Exchange = { response: SamResponse } | { failure: string; silent: boolean };
type CardOutcome = { read: IdentityRead } | { retry: string };

export class IdCardReaderDriver implements Driver {
  private readonly tracker: HealthTracker;
  private readonly parser = createSamParser();
  private waiting: ((result: Exchange) => void) | undefined;
  private loop: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;
  /** The card on the reader now: undefined when none; `done` once it was reported. */
  private placement: { attempts: number; done: boolean } | undefined;
  private misses = 0;
  private silences = 0;

  constructor(private readonly options: IdCardReaderOptions) {
    this.tracker = new HealthTracker(options.id, 'idcard', options.onHealth);
  }

  start(): void {
    const { link } = this.options;
    link.on('data', (chunk) => this.receive(chunk));
    link.on('up', () => this.schedule(0));
    link.on('down', (reason) => {
      this.tracker.set('offline', reason);
      this.placement = undefined;
      this.settle({ failure: 'link down', silent: true });
    });
    link.start();
  }

  health(): DeviceHealth[] {
    return [this.tracker.current];
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.loop);
    this.settle({ failure: 'closed', silent: true });
    await this.options.link.close();
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.running) return;
    clearTimeout(this.loop);
    this.loop = setTimeout(() => void this.cycle(), delayMs);
  }

  private async cycle(): Promise<void> {
    if (this.closed || !this.options.link.isUp) return;
    this.running = true;
    try {
      await this.pollOnce();
    } finally {
      this.running = false;
    }
    if (this.options.link.isUp) this.schedule(this.options.pollIntervalMs ?? 400);
  }

  private async pollOnce(): Promise<void> {
    const found = await this.request('findCard');
    if (!('response' in found)) return;
    const { sw3 } = found.response;
    if (sw3 === SW3.noCard) {
      if (++this.misses >= (this.options.removedAfterMisses ?? 2)) this.placement = undefined;
      return;
    }
    if (sw3 !== SW3.cardFound) return;
    this.misses = 0;
    if (this.placement?.done) return;
    const placement = (this.placement ??= { attempts: 0, done: false });
    const outcome = await this.readCard();
    if ('read' in outcome) {
      placement.done = true;
      this.options.onRead(outcome.read);
    } else if (++placement.attempts >= (this.options.attemptsPerCard ?? 3)) {
      placement.done = true;
      this.options.onRead({ error: 'read failed', reason: outcome.retry });
    }
  }

  private async readCard(): Promise<CardOutcome> {
    const selected = await this.request('selectCard');
    if (!('response' in selected)) return { retry: selected.failure };
    if (selected.response.sw3 !== SW3.ok && selected.response.sw3 !== SW3.cardFound) {
      return { retry: describeSw3(selected.response.sw3) };
    }
    const read = await this.request('readText');
    if (!('response' in read)) return { retry: read.failure };
    if (read.response.sw3 !== SW3.ok) return { retry: describeSw3(read.response.sw3) };
    const parts = splitReadData(read.response.data);
    if ('error' in parts) return { retry: parts.error };
    const parsed = parseIdText(parts.text);
    return { read: parsed.ok ? { identity: parsed.identity } : cardReadError(parsed) };
  }

  /** Sends one request and waits for its reply frame, a bad frame, or the timeout. */
  private async request(command: SamCommandName): Promise<Exchange> {
    this.parser.reset(); // bytes left from an earlier, abandoned reply are not this reply
    const timeoutMs = this.options.responseTimeoutMs ?? 2000;
    const result = new Promise<Exchange>((resolve) => {
      const timer = setTimeout(() => {
        const truncated = this.parser.expire(Date.now(), 0).length > 0;
        this.settle(truncated ? { failure: 'truncated frame (timeout)', silent: false } : { failure: 'no answer', silent: true });
      }, timeoutMs);
      this.waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
    });
    try {
      await this.options.link.write(encodeSamRequest(command));
    } catch (e) {
      this.settle({ failure: (e as Error).message, silent: true });
    }
    const exchange = await result;
    this.noteHealth(exchange);
    return exchange;
  }

  private receive(chunk: Buffer): void {
    for (const event of this.parser.push(chunk, Date.now())) {
      if (event.kind === 'error') {
        this.settle({ failure: event.error, silent: false });
        continue;
      }
      const response = asSamResponse(event.frame);
      this.settle(response ? { response } : { failure: 'not a reply frame', silent: false });
    }
  }

  private settle(result: Exchange): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(result);
  }

  private noteHealth(exchange: Exchange): void {
    if (!this.options.link.isUp) return;
    if ('failure' in exchange) {
      if (exchange.silent && ++this.silences >= (this.options.offlineAfterSilences ?? 2)) {
        this.tracker.set('offline', 'reader does not answer');
      }
      return;
    }
    this.silences = 0;
    const { sw3 } = exchange.response;
    const samFault = sw3 === 0x60 || sw3 === 0x66 || sw3 === 0x32;
    if (samFault) this.tracker.set('error', describeSw3(sw3));
    else this.tracker.set('ok');
  }
}
