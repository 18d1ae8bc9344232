// USB HID pads and keypads through node-hid (hidraw backend on Linux), opened by vendor/product id.
// Exclusive access is asked for, but only macOS honours it (hidapi seizes the device there). Linux
// hidraw has no grab: the keys also reach the desktop unless a udev rule makes it ignore the device's
// input node (LIBINPUT_IGNORE_DEVICE); Windows keeps keyboard-class devices to itself, so hidapi
// cannot read such pads there at all. See devices/README.md.

import type { HIDAsync } from 'node-hid';
import { BaseTransport, toError } from './transport.js';

export interface HidOptions {
  vendorId: number;
  productId: number;
}

export class HidTransport extends BaseTransport {
  readonly label: string;
  private device: HIDAsync | undefined;

  constructor(private readonly options: HidOptions) {
    super();
    this.label = `hid ${hex4(options.vendorId)}:${hex4(options.productId)}`;
  }

  async open(): Promise<void> {
    // Loaded on first use: node-hid needs libusb at run time, which only HID installations need.
    const hid = await import('node-hid');
    const device = await hid.HIDAsync.open(this.options.vendorId, this.options.productId, { nonExclusive: false });
    this.device = device;
    device.on('data', (data: Buffer) => this.received(data));
    device.on('error', (err: unknown) => {
      this.markClosed(toError(err));
      void device.close().catch(() => undefined);
    });
    this.markOpen();
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    // hidapi wants the report id first; 0 for devices without numbered reports.
    await (this.device as HIDAsync).write([0, ...data]);
  }

  async close(): Promise<void> {
    const device = this.device;
    this.markClosed();
    this.device = undefined;
    await device?.close().catch(() => undefined);
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
