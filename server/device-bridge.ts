// Connects the device layer to the hub: card reads become identity tokens for the kiosk, pad presses
// become ratings, keypad keys act as the staff member signed in at that window, and health changes
// reach the kiosk screens. The device layer itself never sees the hub's internals.
import type { Server } from 'socket.io';
import type { HubPort, KeyAction } from '../devices/contract.js';
import { createDeviceManager, type DeviceTiming, type LocalDeviceManager } from '../devices/manager.js';
import { Refusal } from './domain/errors.js';
import type { Hub, WindowActionName } from './hub.js';
import { emitDeviceHealth } from './realtime.js';

function report(what: string) {
  return (err: unknown) => {
    // A refused press (nothing to rate, no ticket to recall) is normal hall life, not an error.
    if (!(err instanceof Refusal)) console.error(`yichuang: ${what} failed`, err);
  };
}

export function attachDevices(hub: Hub, io: Server, timing?: DeviceTiming): LocalDeviceManager {
  const port: HubPort = {
    identityRead(kioskId, read) {
      if ('identity' in read) hub.emitIdentity(kioskId, hub.identityRead(kioskId, read.identity));
      else io.of('/kiosk').to(`kiosk:${kioskId}`).emit('idcard-error', { error: read.error });
    },
    ratingPressed(windowId, score) {
      hub.rate(windowId, score, 'pad').catch(report(`rating at window ${windowId}`));
    },
    keyPressed(windowId, action) {
      const staffId = hub.signedInAt(windowId);
      if (!staffId) return; // nobody signed in: a keypad cannot act
      if (action === 'ask-rating') {
        void hub.devices?.startRating?.(windowId);
        return;
      }
      const mapped = keyAction(action, hub.state.windows.get(windowId)?.status);
      if (mapped) hub.windowAction(windowId, mapped.name, staffId, mapped.body).catch(report(`keypad ${action} at window ${windowId}`));
    },
    healthChanged(health) {
      emitDeviceHealth(io, hub, health);
    },
  };
  const manager = createDeviceManager({
    hub: port,
    devices: hub.config.devices,
    kiosks: hub.config.kiosks.map((k) => k.id),
    windows: hub.config.windows.map((w) => w.id),
    timing,
  });
  hub.devices = manager;
  return manager;
}

/** FF68/HID keys → window actions. Transfer needs a target only the console can give. */
function keyAction(action: KeyAction, status: string | undefined): { name: WindowActionName; body?: Record<string, unknown> } | undefined {
  switch (action) {
    case 'call-next':
      return { name: 'call-next' };
    case 'recall':
    case 'call-back':
      return { name: 'recall' };
    case 'abandon':
      return { name: 'no-show' };
    case 'pause':
      return status === 'paused' ? { name: 'resume' } : { name: 'pause', body: { reason: '暂停服务' } };
    default:
      return undefined;
  }
}
