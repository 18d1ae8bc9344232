import { describe, expect, it } from 'vitest';
import { DeviceConfigError, parseDevicesConfig } from '../../../devices/config.js';

const CONTRACT_EXAMPLE = [
  { id: 'printer-k1', kind: 'printer', kiosk: 'K1', transport: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 },
  { id: 'printer-k2', kind: 'printer', kiosk: 'K2', transport: 'tcp', host: '10.0.0.50', port: 9100 },
  { id: 'idcard-k1', kind: 'idcard', kiosk: 'K1', transport: 'serial', path: '/dev/ttyUSB1', baudRate: 115200 },
  { id: 'pad-4', kind: 'rating-pad', window: '4', transport: 'serial', protocol: 'ff68', address: 4, path: '/dev/ttyUSB2' },
  { id: 'pad-5', kind: 'rating-pad', window: '5', transport: 'hid', vendorId: 1234, productId: 5678 },
  { id: 'keys-4', kind: 'keypad', window: '4', transport: 'serial', protocol: 'ff68', address: 4, path: '/dev/ttyUSB2' },
];

function issuesOf(raw: unknown): string[] {
  try {
    parseDevicesConfig(raw);
  } catch (e) {
    if (e instanceof DeviceConfigError) return e.issues.map((i) => `${i.deviceId ?? i.where} ${i.field}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('device configuration', () => {
  it('accepts the example of CONTRACT.md and fills defaults', () => {
    const devices = parseDevicesConfig(CONTRACT_EXAMPLE);
    expect(devices).toHaveLength(6);
    expect(devices[3]).toMatchObject({ baudRate: 9600, address: 4 });
    expect(devices[1]).toMatchObject({ statusQuery: true, port: 9100 });
    expect(parseDevicesConfig(undefined)).toEqual([]);
  });

  it('accepts usblp printers, rating key maps and HID key maps', () => {
    const devices = parseDevicesConfig([
      { id: 'p', kind: 'printer', kiosk: 'K3', transport: 'usblp', path: '/dev/usb/lp0' },
      { id: 'pad', kind: 'rating-pad', window: '7', transport: 'serial', protocol: 'ff68', address: 7, path: '/dev/ttyS0', ratingKeys: ['dissatisfied', 'basic', 'satisfied', 'very-satisfied'] },
      { id: 'k', kind: 'keypad', window: '8', transport: 'hid', vendorId: 1, productId: 2, keys: { '1': 'call-next', '4': 'pause' } },
    ]);
    expect(devices[0]).toMatchObject({ statusQuery: false });
  });

  it('names the device and the field of each problem', () => {
    const issues = issuesOf([
      { id: 'printer-k1', kind: 'printer', kiosk: 'K1', transport: 'serial' },
      { id: 'pad-4', kind: 'rating-pad', window: '4', transport: 'serial', protocol: 'ff68', address: 300, path: '/dev/x' },
      { id: 'x', kind: 'scanner' },
      { id: 'tcp', kind: 'printer', kiosk: 'K9', transport: 'tcp', host: 'h', port: 9100, adress: 1 },
      { id: 'k', kind: 'keypad', window: '8', transport: 'hid', vendorId: 1, productId: 2, keys: { '1': 'dance' } },
    ]);
    expect(issues).toHaveLength(5);
    expect(issues[0]).toMatch(/^printer-k1 path:/);
    expect(issues[1]).toMatch(/^pad-4 address:/);
    expect(issues[2]).toMatch(/^x kind: must be one of printer, idcard, rating-pad, keypad/);
    expect(issues[3]).toMatch(/^tcp adress:/);
    expect(issues[4]).toMatch(/^k keys\.1:/);
  });

  it('names an unknown transport', () => {
    const [issue] = issuesOf([{ id: 'r', kind: 'idcard', kiosk: 'K1', transport: 'tcp', host: 'h' }]);
    expect(issue).toMatch(/^r transport:/);
  });

  it('checks entries against each other', () => {
    const issues = issuesOf([
      ...CONTRACT_EXAMPLE,
      { id: 'pad-4', kind: 'rating-pad', window: '9', transport: 'serial', protocol: 'ff68', address: 9, path: '/dev/ttyUSB2' },
      { id: 'printer-k1b', kind: 'printer', kiosk: 'K1', transport: 'tcp', host: 'h' },
      { id: 'pad-6', kind: 'rating-pad', window: '6', transport: 'serial', protocol: 'ff68', address: 6, path: '/dev/ttyUSB2', baudRate: 19200 },
      { id: 'pad-7', kind: 'rating-pad', window: '7', transport: 'serial', protocol: 'ff68', address: 4, path: '/dev/ttyUSB2' },
      { id: 'idcard-k3', kind: 'idcard', kiosk: 'K3', transport: 'serial', path: '/dev/ttyUSB0' },
    ]);
    expect(issues).toEqual([
      expect.stringMatching(/^pad-4 id: used by another device/),
      expect.stringMatching(/^printer-k1b kiosk: kiosk K1 already has printer "printer-k1"/),
      expect.stringMatching(/^idcard-k3 path: \/dev\/ttyUSB0 is already used by "printer-k1"/),
      expect.stringMatching(/^pad-6 baudRate:/),
      expect.stringMatching(/^pad-7 address: address 4 on \/dev\/ttyUSB2 is already rating-pad "pad-4"/),
    ]);
  });

  it('says what is wrong in the error message', () => {
    expect(() => parseDevicesConfig([{ id: 'p', kind: 'printer', kiosk: 'K1', transport: 'tcp' }])).toThrow(/devices\[0\] \(id "p"\): host:/);
    expect(() => parseDevicesConfig({})).toThrow(/must be an array/);
  });
});
