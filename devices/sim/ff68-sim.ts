// FF68 keypads and rating pads on one bus, for tests: presses keys (resending a frame whose echo
// does not come, as real devices do) and echoes the host's frames.

import type { KeyAction } from '../contract.js';
import { createFf68Parser, encodeFf68, keypadFrame, ratingFrame, type Ff68Frame } from '../pads/ff68.js';
import type { ByteLink } from '../util/byte-link.js';

export interface Ff68SimOptions {
  /** Wait for the host's echo before resending. Default 200 ms. */
  ackTimeoutMs?: number;
  /** Sends of one frame at most. Default 3. */
  maxSends?: number;
}

export class Ff68BusSim {
  /** Frames from the host that were not echoes of ours (show number, beep, start rating). */
  readonly fromHost: Ff68Frame[] = [];
  /** Echo host frames (acknowledge them). */
  echoHost = true;
  /** Drop the host's echo of our next N frames, to make us resend. */
  ignoreEchoes = 0;
  /** Told of every frame from the host that is not an echo (the simulator CLI prints them). */
  onHostFrame: ((frame: Ff68Frame) => void) | undefined;
  private readonly parser = createFf68Parser();
  private awaiting: { key: string; done: () => void } | undefined;

  constructor(private readonly link: ByteLink, private readonly options: Ff68SimOptions = {}) {
    link.on('data', (chunk) => {
      for (const e of this.parser.push(chunk)) if (e.kind === 'frame') this.onFrame(e.frame, e.raw);
    });
  }

  press(address: number, action: KeyAction): Promise<number> {
    return this.sendUntilAcked(keypadFrame(address, action));
  }

  rate(address: number, keyIndex: number): Promise<number> {
    return this.sendUntilAcked(ratingFrame(address, keyIndex));
  }

  /** Sends a frame until the host echoes it; resolves with the number of sends (0 = never acked). */
  async sendUntilAcked(frame: Ff68Frame): Promise<number> {
    const bytes = encodeFf68(frame);
    const key = Buffer.from(bytes).toString('hex');
    for (let send = 1; send <= (this.options.maxSends ?? 3); send++) {
      const acked = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), this.options.ackTimeoutMs ?? 200);
        this.awaiting = {
          key,
          done: () => {
            clearTimeout(timer);
            resolve(true);
          },
        };
      });
      await this.link.write(bytes);
      if (await acked) return send;
    }
    return 0;
  }

  private onFrame(frame: Ff68Frame, raw: Uint8Array): void {
    const key = Buffer.from(raw).toString('hex');
    if (this.awaiting?.key === key) {
      if (this.ignoreEchoes > 0) {
        this.ignoreEchoes--;
        return;
      }
      this.awaiting.done();
      this.awaiting = undefined;
      return;
    }
    this.fromHost.push(frame);
    this.onHostFrame?.(frame);
    if (this.echoHost) void this.link.write(raw).catch(() => undefined);
  }
}
