import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HidPadDriver } from '../../../devices/drivers/hid-pad.js';
import { bootReport } from '../../../devices/pads/hid-report.js';
import { ReconnectingTransport } from '../../../devices/transport/reconnecting.js';
import { HidTransport } from '../../../devices/transport/hid.js';
import { BaseTransport } from '../../../devices/transport/transport.js';
import { FAST_BACKOFF } from '../support/fast-timing.js';
import { RecordingHub } from '../support/recording-hub.js';
import { VirtualKeyboard } from '../support/uhid.js';
import { waitFor } from '../support/wait.js';

/** Stands in for a HID device: the test pushes reports and can unplug it. */
class FakeHid extends BaseTransport {
  static current: FakeHid | undefined;
  static present = true;
  readonly label = 'fake hid';
  async open(): Promise<void> {
    if (!FakeHid.present) throw Object.assign(new Error('no such device'), { code: 'ENOENT' });
    FakeHid.current = this;
    this.markOpen();
  }
  async write(): Promise<void> {}
  async close(): Promise<void> {
    this.markClosed();
  }
  report(r: Uint8Array): void {
    this.received(Buffer.from(r));
  }
  unplug(): void {
    this.markClosed(Object.assign(new Error('read error'), { code: 'EIO' }));
  }
}

describe('HID pad driver', () => {
  let driver: HidPadDriver | undefined;
  afterEach(async () => {
    await driver?.close();
    FakeHid.present = true;
  });

  it('maps boot keyboard keys to ratings through the configured map, once per press', async () => {
    const hub = new RecordingHub();
    driver = new HidPadDriver({
      id: 'pad-5',
      kind: 'rating-pad',
      windowId: '5',
      link: new ReconnectingTransport(() => new FakeHid(), FAST_BACKOFF),
      onHealth: (h) => hub.healthChanged(h),
      onRating: (w, s, id) => hub.ratingPressed(w, s, id),
    });
    driver.start();
    await waitFor('ok', () => driver?.health()[0]?.state === 'ok');
    const hid = FakeHid.current as FakeHid;
    for (const r of [bootReport(0x1e), bootReport(0x1e), bootReport(), bootReport(0x5b), bootReport(0x5b, 0x21), bootReport()]) hid.report(r);
    expect(hub.ratings).toEqual(['5 very-satisfied pad-5', '5 basic pad-5', '5 dissatisfied pad-5']);
  });

  it('uses a configured keypad map and goes offline and back when unplugged', async () => {
    const hub = new RecordingHub();
    driver = new HidPadDriver({
      id: 'keys-5',
      kind: 'keypad',
      windowId: '5',
      keys: { '1': 'recall', '2': 'transfer' },
      link: new ReconnectingTransport(() => new FakeHid(), FAST_BACKOFF),
      onHealth: (h) => hub.healthChanged(h),
      onKey: (w, a, id) => hub.keyPressed(w, a, id),
    });
    driver.start();
    await waitFor('ok', () => driver?.health()[0]?.state === 'ok');
    (FakeHid.current as FakeHid).report(bootReport(0x1f));
    (FakeHid.current as FakeHid).report(bootReport(0x20)); // key 3 is not mapped here
    expect(hub.keys).toEqual(['5 transfer keys-5']);

    FakeHid.present = false;
    (FakeHid.current as FakeHid).unplug();
    await waitFor('offline', () => driver?.health()[0]?.state === 'offline');
    FakeHid.present = true;
    await waitFor('ok again', () => driver?.health()[0]?.state === 'ok');
    (FakeHid.current as FakeHid).report(bootReport(0x1e));
    expect(hub.keys).toEqual(['5 transfer keys-5', '5 recall keys-5']);
  });
});

const uhidMissing = existsSync('/dev/uhid') ? undefined : '/dev/uhid is missing (no uhid module or not permitted here)';
if (uhidMissing) console.warn(`[hid] skipping the virtual-device test: ${uhidMissing}; the report decoder and driver are tested above`);

describe('HID pad on a uhid virtual keyboard', () => {
  it.skipIf(uhidMissing !== undefined)('reads key presses from a real hidraw device through node-hid', async () => {
    const vendorId = 0x1209;
    const productId = 0x7a11;
    const keyboard = await VirtualKeyboard.create(vendorId, productId);
    const hub = new RecordingHub();
    const driver = new HidPadDriver({
      id: 'pad-uhid',
      kind: 'rating-pad',
      windowId: '9',
      link: new ReconnectingTransport(() => new HidTransport({ vendorId, productId }), FAST_BACKOFF),
      onHealth: (h) => hub.healthChanged(h),
      onRating: (w, s, id) => hub.ratingPressed(w, s, id),
    });
    try {
      driver.start();
      await waitFor('hid open', () => driver.health()[0]?.state === 'ok', 10_000);
      await keyboard.report(bootReport(0x1f));
      await keyboard.report(bootReport());
      await waitFor('rating', () => hub.ratings.length === 1);
      expect(hub.ratings).toEqual(['9 satisfied pad-uhid']);
      await keyboard.destroy();
      await waitFor('offline after destroy', () => driver.health()[0]?.state === 'offline');
    } finally {
      await driver.close();
      await keyboard.destroy().catch(() => undefined);
    }
  });
});
