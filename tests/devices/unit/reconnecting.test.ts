import { afterEach, describe, expect, it } from 'vitest';
import { ReconnectingTransport, backoffDelay } from '../../../devices/transport/reconnecting.js';
import { BaseTransport, TransportClosedError } from '../../../devices/transport/transport.js';
import { requireSocat } from '../support/pty-pair.js';
import { waitFor } from '../support/wait.js';

/** A device that can be absent, present, or pulled out. */
class FlakyDevice extends BaseTransport {
  static present = false;
  static opens = 0;
  static last: FlakyDevice | undefined;
  readonly label = 'flaky';
  readonly written: Uint8Array[] = [];
  async open(): Promise<void> {
    FlakyDevice.opens++;
    if (!FlakyDevice.present) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    FlakyDevice.last = this;
    this.markOpen();
  }
  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    this.written.push(data);
  }
  async close(): Promise<void> {
    this.markClosed();
  }
  pull(): void {
    this.markClosed(Object.assign(new Error('i/o error'), { code: 'EIO' }));
  }
}

describe('backoff', () => {
  it('grows by the factor and stops at the cap', () => {
    const o = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2 };
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(0)).toBe(500);
    expect(backoffDelay(50)).toBe(10_000);
  });
});

describe('reconnecting transport', () => {
  let link: ReconnectingTransport | undefined;
  afterEach(async () => {
    await link?.close();
    FlakyDevice.present = false;
    FlakyDevice.opens = 0;
  });

  it('says down once while the device is missing, up when it appears, down and up again when pulled and replugged', async () => {
    const events: string[] = [];
    link = new ReconnectingTransport(() => new FlakyDevice(), { initialDelayMs: 5, maxDelayMs: 20 });
    link.on('up', () => events.push('up'));
    link.on('down', (reason) => events.push(`down ${reason}`));
    link.start();
    await waitFor('a few failed opens', () => FlakyDevice.opens >= 4);
    expect(events).toEqual(['down ENOENT: no such file']);
    await expect(link.write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportClosedError);

    FlakyDevice.present = true;
    await waitFor('up', () => link?.isUp);
    await link.write(Uint8Array.of(7));
    expect(FlakyDevice.last?.written).toEqual([Uint8Array.of(7)]);

    FlakyDevice.present = false;
    FlakyDevice.last?.pull();
    expect(link.isUp).toBe(false);
    FlakyDevice.present = true;
    await waitFor('up again', () => link?.isUp);
    expect(events).toEqual(['down ENOENT: no such file', 'up', 'down EIO: i/o error', 'up']);
  });

  it('stops trying once closed', async () => {
    link = new ReconnectingTransport(() => new FlakyDevice(), { initialDelayMs: 5, maxDelayMs: 5 });
    link.start();
    await waitFor('tries', () => FlakyDevice.opens >= 2);
    await link.close();
    const opens = FlakyDevice.opens;
    await new Promise((r) => setTimeout(r, 50));
    expect(FlakyDevice.opens).toBe(opens);
  });
});

describe('pty support', () => {
  it('fails loudly when socat cannot be found', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => requireSocat()).toThrow(/socat is not installed/);
    } finally {
      process.env.PATH = path;
    }
    expect(() => requireSocat()).not.toThrow();
  });
});
