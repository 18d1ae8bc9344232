// Device health, live, for the admin screens (director/admin) and the kiosks.
//
// Namespace `/device-health`, handshake `auth: {token}` (a director or admin bearer token): on every
// (re)connect `devices` {at, devices: DeviceHealth[]} (the same list as /api/v1/health), then
// `device` {at, ...DeviceHealth} on each change. A kiosk (`/kiosk`) also hears `idcard-reader`
// {state, detail?} for its own reader, on connect and on change (its `printer` events come from
// realtime.ts), so it can tell citizens to take a number without their card while the reader is away.
import type { Namespace, Server, Socket } from 'socket.io';
import type { DeviceHealth } from '../devices/contract.js';
import type { Hub } from './hub.js';

export const DEVICE_HEALTH_NAMESPACE = '/device-health';
const ROLES = new Set(['director', 'admin']);

export function attachDeviceHealthFeed(io: Server, hub: Hub): void {
  const nsp = io.of(DEVICE_HEALTH_NAMESPACE);
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const claims = typeof token === 'string' ? hub.tokens.verify(token, hub.clock.now()) : undefined;
    if (!claims) return next(refusal('unauthorized', '请先登录 / sign in first'));
    if (!ROLES.has(claims.role)) return next(refusal('forbidden', '仅主任和管理员可查看设备状态 / director or admin only'));
    next();
  });
  nsp.on('connection', (socket: Socket) => {
    socket.emit('devices', { at: new Date(hub.clock.now()).toISOString(), devices: hub.health().devices });
  });

  io.of('/kiosk').on('connection', (socket: Socket) => {
    const kioskId = String(socket.handshake.query.kiosk ?? '');
    const reader = hub.health().devices.find((d) => d.id === readerOf(hub, kioskId));
    if (reader) socket.emit('idcard-reader', stateOf(reader));
  });
}

/** Sends one device's new health to the admin screens, and to the kiosk whose reader it is. */
export function publishDeviceHealth(io: Server, hub: Hub, health: DeviceHealth): void {
  const nsp: Namespace = io.of(DEVICE_HEALTH_NAMESPACE);
  nsp.emit('device', { at: new Date(hub.clock.now()).toISOString(), ...health });
  if (health.kind !== 'idcard') return;
  for (const k of hub.config.kiosks) {
    if (readerOf(hub, k.id) === health.id) io.of('/kiosk').to(`kiosk:${k.id}`).emit('idcard-reader', stateOf(health));
  }
}

/** The id of a kiosk's reader: the configured one, else its simulated one. */
function readerOf(hub: Hub, kioskId: string): string {
  return hub.config.devices.find((d) => d.kind === 'idcard' && d.kiosk === kioskId)?.id ?? `sim-idcard-${kioskId}`;
}

function stateOf(health: DeviceHealth): { state: DeviceHealth['state']; detail?: string } {
  return health.detail === undefined ? { state: health.state } : { state: health.state, detail: health.detail };
}

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}
