// A virtual USB keyboard through /dev/uhid (root and the uhid module needed). Events are the
// packed `struct uhid_event` of <linux/uhid.h>: a u32 type, then the request.

import { open, type FileHandle } from 'node:fs/promises';

const UHID_DESTROY = 1;
const UHID_CREATE2 = 11;
const UHID_INPUT2 = 12;
const EVENT_BYTES = 4 + 4372; // type + the largest request (create2)
const BUS_USB = 0x03; // hidapi's hidraw backend ignores virtual devices on other buses

/** The boot keyboard report descriptor of the HID spec (appendix B.1). */
const BOOT_KEYBOARD_DESCRIPTOR = Uint8Array.from([
  0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01,
  0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01,
  0x29, 0x05, 0x91, 0x02, 0x95, 0x01, 0x75, 0x03, 0x91, 0x01, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0x65,
  0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xc0,
]);

export class VirtualKeyboard {
  private constructor(private readonly handle: FileHandle) {}

  static async create(vendorId: number, productId: number, name = 'yichuang test pad'): Promise<VirtualKeyboard> {
    const handle = await open('/dev/uhid', 'r+');
    const ev = Buffer.alloc(EVENT_BYTES);
    ev.writeUInt32LE(UHID_CREATE2, 0);
    ev.write(name, 4, 127, 'ascii');
    let o = 4 + 128 + 64 + 64;
    ev.writeUInt16LE(BOOT_KEYBOARD_DESCRIPTOR.length, o);
    ev.writeUInt16LE(BUS_USB, o + 2);
    ev.writeUInt32LE(vendorId, o + 4);
    ev.writeUInt32LE(productId, o + 8);
    ev.writeUInt32LE(1, o + 12); // version
    ev.writeUInt32LE(0, o + 16); // country
    o += 20;
    ev.set(BOOT_KEYBOARD_DESCRIPTOR, o);
    await handle.write(ev);
    return new VirtualKeyboard(handle);
  }

  async report(report: Uint8Array): Promise<void> {
    const ev = Buffer.alloc(EVENT_BYTES);
    ev.writeUInt32LE(UHID_INPUT2, 0);
    ev.writeUInt16LE(report.length, 4);
    ev.set(report, 6);
    await this.handle.write(ev);
  }

  async destroy(): Promise<void> {
    const ev = Buffer.alloc(EVENT_BYTES);
    ev.writeUInt32LE(UHID_DESTROY, 0);
    await this.handle.write(ev).catch(() => undefined);
    await this.handle.close();
  }
}
