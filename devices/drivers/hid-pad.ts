// A rating pad or call keypad that is a USB keyboard (boot reports through hidraw). Its keys 1–4
// mean whatever the configuration maps them to.

import type { DeviceHealth, KeyAction, RatingScore } from '../contract.js';
import { BootKeyboardDecoder, type PadKey } from '../pads/hid-report.js';
import type { ReconnectingTransport } from '../transport/reconnecting.js';
import { HealthTracker, type Driver } from './health.js';

export const DEFAULT_HID_RATING_KEYS: Readonly<Record<PadKey, RatingScore>> = {
  '1': 'very-satisfied',
  '2': 'satisfied',
  '3': 'basic',
  '4': 'dissatisfied',
};

export const DEFAULT_HID_KEYPAD_KEYS: Readonly<Record<PadKey, KeyAction>> = {
  '1': 'call-next',
  '2': 'recall',
  '3': 'ask-rating',
  '4': 'pause',
};

interface Common {
  id: string;
  windowId: string;
  link: ReconnectingTransport;
  onHealth: (health: DeviceHealth) => void;
}

export type HidPadOptions = Common &
  (
    | { kind: 'rating-pad'; keys?: Partial<Record<PadKey, RatingScore>>; onRating: (windowId: string, score: RatingScore, deviceId: string) => void }
    | { kind: 'keypad'; keys?: Partial<Record<PadKey, KeyAction>>; onKey: (windowId: string, action: KeyAction, deviceId: string) => void }
  );

export class HidPadDriver implements Driver {
  private readonly tracker: HealthTracker;
  private readonly decoder = new BootKeyboardDecoder();

  constructor(private readonly options: HidPadOptions) {
    this.tracker = new HealthTracker(options.id, options.kind, options.onHealth);
  }

  start(): void {
    const { link } = this.options;
    link.on('data', (report) => this.onReport(report));
    link.on('up', () => this.tracker.set('ok'));
    link.on('down', (reason) => {
      this.decoder.reset();
      this.tracker.set('offline', reason);
    });
    link.start();
  }

  /** Feeds one input report; exposed for decoders of other HID paths. */
  onReport(report: Uint8Array): void {
    const o = this.options;
    for (const key of this.decoder.push(report)) {
      if (o.kind === 'rating-pad') {
        const score = o.keys ? o.keys[key] : DEFAULT_HID_RATING_KEYS[key];
        if (score) o.onRating(o.windowId, score, o.id);
      } else {
        const action = o.keys ? o.keys[key] : DEFAULT_HID_KEYPAD_KEYS[key];
        if (action) o.onKey(o.windowId, action, o.id);
      }
    }
  }

  health(): DeviceHealth[] {
    return [this.tracker.current];
  }

  async close(): Promise<void> {
    await this.options.link.close();
  }
}
