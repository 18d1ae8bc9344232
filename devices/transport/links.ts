// Builds the reconnecting link for a device's transport settings (from validated configuration).

import { HidTransport } from './hid.js';
import { ReconnectingTransport, type BackoffOptions } from './reconnecting.js';
import { SerialTransport } from './serial.js';
import { TcpTransport } from './tcp.js';
import type { Transport } from './transport.js';
import { UsbLpTransport } from './usblp.js';

export type TransportSpec =
  | { transport: 'serial'; path: string; baudRate: number }
  | { transport: 'tcp'; host: string; port: number }
  | { transport: 'usblp'; path: string }
  | { transport: 'hid'; vendorId: number; productId: number };

export function createTransport(spec: TransportSpec): Transport {
  switch (spec.transport) {
    case 'serial':
      return new SerialTransport(spec);
    case 'tcp':
      return new TcpTransport(spec);
    case 'usblp':
      return new UsbLpTransport(spec);
    case 'hid':
      return new HidTransport(spec);
  }
}

export function createLink(spec: TransportSpec, backoff?: BackoffOptions): ReconnectingTransport {
  return new ReconnectingTransport(() => createTransport(spec), backoff);
}
