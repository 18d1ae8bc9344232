// After a live configuration or staff change, every connected screen gets the present again through the
// existing /display paths: a fresh `snapshot` (services, windows, their staff) per screen and `window`
// updates, plus `settings` so a hall screen reloads its notices. A window screen whose window was removed
// is disconnected (it reconnects to a refusal naming the room). Kiosks get their `services` tiles again.
// Broadcasts stay on this hub's own clients (`local`): with several hubs on one ledger each hub refreshes
// its clients once it has the change in force, so a screen never re-reads settings from a hub that has
// not taken the change yet.
import type { Server } from 'socket.io';
import type { StoredEvent } from '../domain/events.js';
import { displaySnapshot, windowView } from '../domain/views.js';
import type { Hub } from '../hub.js';
import { onConfigApplied } from './live-config.js';

export function attachConfigRefresh(io: Server, hub: Hub): void {
  const display = io.of('/display');
  const refresh = () => {
    const state = hub.state;
    const now = hub.clock.now();
    for (const socket of display.sockets.values()) {
      const room = String(socket.handshake.query.room ?? 'hall');
      const windowId = room.startsWith('window:') ? room.slice('window:'.length) : undefined;
      if (windowId !== undefined && !state.windowDefs.has(windowId)) {
        socket.disconnect(true);
        continue;
      }
      socket.emit('snapshot', displaySnapshot(state, now, windowId));
    }
    for (const id of state.windowDefs.keys()) display.local.to('hall').to(`window:${id}`).emit('window', windowView(state, id));
    display.local.emit('settings', { at: new Date(now).toISOString() });
    // Kiosks: the service tiles again (names, materials, prefixes); a kiosk removed from the configuration is let go.
    const kiosk = io.of('/kiosk');
    for (const socket of kiosk.sockets.values()) {
      if (!hub.config.kiosks.some((k) => k.id === String(socket.handshake.query.kiosk ?? ''))) socket.disconnect(true);
    }
    kiosk.local.emit('services', hub.services());
  };
  onConfigApplied(hub, refresh);
  // Name, title or photo on a seat card: the window screens show them (changed through this hub or another).
  const staffChanged = (events: StoredEvent[]) => {
    if (events.some((e) => e.type === 'staff.updated')) refresh();
  };
  hub.onCommitted(staffChanged);
  hub.onAbsorbed(staffChanged);
}
