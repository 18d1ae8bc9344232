// socket.io namespaces of the contract. `/display`: hall and window screens get a snapshot on every
// (re)connect and then live `call`, `window` and `queue` events — a reconnect never replays old calls,
// and every call carries its ledger sequence number as `id` so a screen can drop duplicates.
// A window room also gets `rating` (show the rating buttons) after a finish and `rated` once rated.
// `/kiosk`: a kiosk's `idcard` reads and `printer` state.
import type { Server, Socket } from 'socket.io';
import type { DeviceHealth } from '../devices/contract.js';
import { attachDeviceHealthFeed } from './device-health-feed.js';
import type { StoredEvent } from './domain/events.js';
import type { QueueState } from './domain/types.js';
import { waitingCount } from './domain/queue-order.js';
import { callView, displaySnapshot, windowView } from './domain/views.js';
import type { Hub } from './hub.js';
import { oncePerTurn } from './once-per-turn.js';
import { attachKioskLive } from './kiosk-content/kiosk-live.js';

const QUEUE_EVENTS = new Set(['ticket.issued', 'ticket.called', 'ticket.cancelled', 'ticket.transferred', 'ticket.reactivated', 'window.signed-in', 'window.signed-out', 'window.paused', 'window.resumed']);

function refuse(next: (err?: Error) => void, code: string, message: string) {
  const err = new Error(message) as Error & { data: unknown };
  err.data = { code, message };
  next(err);
}

export function attachRealtime(io: Server, hub: Hub): void {
  attachDeviceHealthFeed(io, hub); // `/device-health` for the admin screens, `idcard-reader` for kiosks
  const display = io.of('/display');
  display.use((socket, next) => {
    const room = String(socket.handshake.query.room ?? 'hall');
    if (room === 'hall') return next();
    const m = /^window:(.+)$/.exec(room);
    const def = m ? hub.state.windowDefs.get(m[1]!) : undefined;
    if (!def) return refuse(next, 'unknown-room', `无此屏幕房间 / unknown room ${room}`);
    const auth = socket.handshake.auth as { screenKey?: string; token?: string };
    const tokenOk = auth.token ? hub.tokens.verify(auth.token, hub.clock.now()) !== undefined : false;
    if (def.screenKey !== undefined && auth.screenKey !== def.screenKey && !tokenOk) return refuse(next, 'screen-key', '窗口屏密钥错误 / screen key required');
    next();
  });
  display.on('connection', (socket: Socket) => {
    const room = String(socket.handshake.query.room ?? 'hall');
    void socket.join(room);
    const windowId = room.startsWith('window:') ? room.slice('window:'.length) : undefined;
    socket.emit('snapshot', displaySnapshot(hub.state, hub.clock.now(), windowId));
    // A window screen that (re)connects while its last visit still awaits a rating goes back to rating mode.
    const prompt = windowId ? ratingPrompt(hub.state, windowId, hub.clock.now()) : undefined;
    if (prompt) socket.emit('rating', prompt);
  });

  const kiosk = io.of('/kiosk');
  kiosk.use((socket, next) => {
    const id = String(socket.handshake.query.kiosk ?? '');
    const conf = hub.config.kiosks.find((k) => k.id === id);
    if (!conf) return refuse(next, 'unknown-kiosk', `无此取号机 / unknown kiosk ${id}`);
    const auth = socket.handshake.auth as { kioskKey?: string };
    if (conf.key !== undefined && auth.kioskKey !== conf.key) return refuse(next, 'kiosk-key', '取号机密钥错误 / kiosk key required');
    next();
  });
  kiosk.on('connection', (socket: Socket) => {
    const id = String(socket.handshake.query.kiosk);
    void socket.join(`kiosk:${id}`);
    const printer = hub.devices?.health().find((d) => d.kind === 'printer' && d.id === printerOf(hub, id));
    socket.emit('printer', { state: printer?.state ?? 'none' });
  });
  attachKioskLive(kiosk, hub);
  hub.onIdentity((kioskId, read) => {
    const { greenEligible: _g, ...payload } = read;
    kiosk.to(`kiosk:${kioskId}`).emit('idcard', { ...payload, greenEligible: read.greenEligible });
  });

  const sendQueue = oncePerTurn(() => display.emit('queue', queueView(hub.state)), 'queue counts');
  hub.onCommitted((events, state) => {
    if (fanOut(display, events, state)) sendQueue();
    ratingFanOut(display, events, state, hub.clock.now());
  });
}

/** A window screen shows the rating buttons this long at most (the ledger's rating window may be longer). */
export const SCREEN_RATING_SECONDS = 60;

/** Rating mode of a window screen: how long to show the buttons for the visit just finished there. */
export function ratingPrompt(state: QueueState, windowId: string, now: number): { ticketNumber: string; seconds: number } | undefined {
  const id = state.windows.get(windowId)?.lastFinishedTicketId;
  const t = id ? state.tickets.get(id) : undefined;
  if (!t || t.rating || t.rateUntil === undefined || t.rateUntil <= now) return undefined;
  return { ticketNumber: t.number, seconds: Math.min(SCREEN_RATING_SECONDS, Math.ceil((t.rateUntil - now) / 1000)) };
}

/** After a finish the window's screen asks for a rating; once rated (screen, pad or console) it stops asking. */
function ratingFanOut(display: ReturnType<Server['of']>, events: StoredEvent[], state: QueueState, now: number): void {
  for (const e of events) {
    const d = e.data as { windowId?: string; ticketId?: string; score?: string };
    if (!d.windowId) continue;
    if (e.type === 'ticket.finished') {
      const prompt = ratingPrompt(state, d.windowId, now);
      if (prompt) display.to(`window:${d.windowId}`).emit('rating', prompt);
    } else if (e.type === 'ticket.rated') {
      display.to(`window:${d.windowId}`).emit('rated', { ticketNumber: state.tickets.get(d.ticketId ?? '')?.number ?? null, score: d.score });
    }
  }
}

/** The kiosk a device health change concerns, for `/kiosk` `printer` events. */
export function emitDeviceHealth(io: Server, hub: Hub, health: DeviceHealth): void {
  if (health.kind !== 'printer') return;
  for (const k of hub.config.kiosks) {
    if (printerOf(hub, k.id) === health.id) io.of('/kiosk').to(`kiosk:${k.id}`).emit('printer', { state: health.state, detail: health.detail });
  }
}

function printerOf(hub: Hub, kioskId: string): string | undefined {
  return (hub.config.devices.find((d) => d.kind === 'printer' && d.kiosk === kioskId)?.id) ?? `sim-printer-${kioskId}`;
}

/** Calls and windows go out at once; returns whether waiting counts changed (sent once per turn). */
function fanOut(display: ReturnType<Server['of']>, events: StoredEvent[], state: QueueState): boolean {
  const windows = new Set<string>();
  let queueChanged = false;
  for (const e of events) {
    const d = e.data as { windowId?: string; fromWindowId?: string; ticketId?: string };
    if (e.type === 'ticket.called' || e.type === 'ticket.recalled') {
      const call = state.recentCalls.find((c) => c.eventSeq === e.seq);
      if (call) display.to('hall').to(`window:${call.windowId}`).emit('call', callView(state, call));
    }
    if (d.windowId) windows.add(d.windowId);
    if (d.fromWindowId) windows.add(d.fromWindowId);
    if (e.type === 'ticket.cancelled' || e.type === 'staff.whereabouts') for (const id of state.windowDefs.keys()) windows.add(id);
    if (QUEUE_EVENTS.has(e.type)) queueChanged = true;
  }
  for (const id of windows) {
    if (!state.windowDefs.has(id)) continue;
    display.to('hall').to(`window:${id}`).emit('window', windowView(state, id));
  }
  return queueChanged;
}

function queueView(state: QueueState): { services: { id: string; waiting: number }[] } {
  return { services: [...state.services.keys()].map((id) => ({ id, waiting: waitingCount(state, id) })) };
}
