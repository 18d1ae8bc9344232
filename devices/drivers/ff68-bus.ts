// One serial bus of FF68 keypads and rating pads. Devices are told apart by address, and a keypad
// and a pad sharing an address (a combined unit) by FUNC. The host acknowledges every device frame
// by echoing it; devices acknowledge host frames the same way.

import type { DeviceHealth, KeyAction, RatingScore } from '../contract.js';
import {
  DEFAULT_RATING_MAP,
  FF68_FUNC,
  beepFrame,
  createFf68Parser,
  encodeFf68,
  keypadAction,
  ratingScore,
  showNumberFrame,
  startRatingFrame,
  type Ff68Frame,
  type RatingKeyMap,
} from '../pads/ff68.js';
import type { ReconnectingTransport } from '../transport/reconnecting.js';
import { TaskQueue } from '../util/task-queue.js';
import { HealthTracker, type Driver } from './health.js';

export interface Ff68BusDevice {
  id: string;
  kind: 'keypad' | 'rating-pad';
  windowId: string;
  address: number;
  ratingMap?: RatingKeyMap;
}

export interface Ff68BusOptions {
  link: ReconnectingTransport;
  devices: Ff68BusDevice[];
  onKey: (windowId: string, action: KeyAction, deviceId: string) => void;
  onRating: (windowId: string, score: RatingScore, deviceId: string) => void;
  onHealth: (health: DeviceHealth) => void;
  /**
   * A device repeats a frame whose echo it missed; the same frame again within this window is that
   * repeat, not a second press (a double call is worse than a missed one). Default 1000 ms.
   */
  repeatWindowMs?: number;
  /** How long to wait for a device to echo a host frame. Default 300 ms. */
  ackTimeoutMs?: number;
  /** A late echo of a host frame still counts as an echo (not a key press) this long. Default 2 s. */
  echoGraceMs?: number;
}

export class Ff68BusDriver implements Driver {
  private readonly parser = createFf68Parser();
  private readonly writes = new TaskQueue();
  private readonly trackers = new Map<string, HealthTracker>();
  /** Host frames sent recently, by their hex, with the echo waiter. */
  private readonly sent = new Map<string, { at: number; acked?: () => void }>();
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly options: Ff68BusOptions) {
    for (const d of options.devices) this.trackers.set(d.id, new HealthTracker(d.id, d.kind, options.onHealth));
  }

  start(): void {
    const { link } = this.options;
    link.on('data', (chunk) => this.receive(chunk));
    link.on('up', () => this.trackers.forEach((t) => t.set('ok')));
    link.on('down', (reason) => {
      this.parser.reset();
      this.trackers.forEach((t) => t.set('offline', reason));
    });
    link.start();
  }

  health(): DeviceHealth[] {
    return [...this.trackers.values()].map((t) => t.current);
  }

  async close(): Promise<void> {
    await this.options.link.close();
  }

  /** Shows a ticket number on the keypad at `address`; true when the keypad echoed it. */
  showNumber(address: number, number: string): Promise<boolean> {
    return this.send(showNumberFrame(address, number));
  }

  beep(address: number): Promise<boolean> {
    return this.send(beepFrame(address));
  }

  startRating(address: number): Promise<boolean> {
    return this.send(startRatingFrame(address));
  }

  /** Writes a host frame and waits for its echo; only the write holds the line, not the wait. */
  private async send(frame: Ff68Frame): Promise<boolean> {
    const bytes = encodeFf68(frame);
    let timer: NodeJS.Timeout | undefined;
    const acked = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.options.ackTimeoutMs ?? 300);
      this.sent.set(hex(bytes), {
        at: Date.now(),
        acked: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
    });
    try {
      await this.writes.run(() => this.options.link.write(bytes));
    } catch {
      clearTimeout(timer);
      return false;
    }
    return acked;
  }

  private receive(chunk: Buffer): void {
    const now = Date.now();
    for (const event of this.parser.push(chunk, now)) {
      if (event.kind === 'frame') this.onFrame(event.frame, event.raw, now);
    }
    this.forgetOld(now);
  }

  private onFrame(frame: Ff68Frame, raw: Uint8Array, now: number): void {
    const key = hex(raw);
    const echo = this.sent.get(key);
    if (echo) {
      echo.acked?.();
      echo.acked = undefined;
      return;
    }
    void this.writes.run(() => this.options.link.write(raw)).catch(() => undefined);
    const seen = this.lastSeen.get(key);
    this.lastSeen.set(key, now);
    if (seen !== undefined && now - seen < (this.options.repeatWindowMs ?? 1000)) return;
    this.dispatch(frame);
  }

  private dispatch(frame: Ff68Frame): void {
    const kind = frame.func === FF68_FUNC.rating ? 'rating-pad' : frame.func === FF68_FUNC.keypad ? 'keypad' : undefined;
    const device = this.options.devices.find((d) => d.kind === kind && d.address === frame.address);
    if (!device) return;
    if (device.kind === 'keypad') {
      const action = keypadAction(frame);
      if (action) this.options.onKey(device.windowId, action, device.id);
    } else {
      const score = ratingScore(frame, device.ratingMap ?? DEFAULT_RATING_MAP);
      if (score) this.options.onRating(device.windowId, score, device.id);
    }
  }

  private forgetOld(now: number): void {
    const grace = this.options.echoGraceMs ?? 2000;
    for (const [key, s] of this.sent) if (now - s.at > grace) this.sent.delete(key);
    const window = this.options.repeatWindowMs ?? 1000;
    for (const [key, at] of this.lastSeen) if (now - at > window) this.lastSeen.delete(key);
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
