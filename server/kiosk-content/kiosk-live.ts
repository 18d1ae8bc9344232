// Live tile figures for the kiosks: `/kiosk` clients get `services` (waiting, estimated wait, open) on
// connect and whenever a commit changes a queue or a window's opening.
import type { Namespace } from 'socket.io';
import type { Hub } from '../hub.js';
import { oncePerTurn } from '../once-per-turn.js';

// Every ticket move changes a count or the handling sample behind the estimate; reprints and ratings don't.
const affectsTiles = (type: string) => (type.startsWith('ticket.') && type !== 'ticket.reprinted' && type !== 'ticket.rated') || type.startsWith('window.');

export function attachKioskLive(kiosk: Namespace, hub: Hub): void {
  kiosk.on('connection', (socket) => socket.emit('services', hub.services()));
  const sendTiles = oncePerTurn(() => kiosk.emit('services', hub.services()), 'kiosk tiles');
  hub.onCommitted((events) => {
    if (events.some((e) => affectsTiles(e.type))) sendTiles();
  });
}
