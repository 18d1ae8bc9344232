// Connects the device layer to the hub: card reads become identity tokens for the kiosk, pad presses
// become ratings, keypad keys act as the staff member signed in at that window, and health changes
// reach the kiosk screens. The device layer itself never sees the hub's internals.
//
// Devices with `agent` set run in a device agent on a kiosk/window PC (devices/agent/), which talks to
// the hub over the `/devices` namespace (server/agent-namespace.ts). The hub's DeviceManager is then a
// composite: local drivers for the other devices, the agent's socket for printers it runs.
import type { Server } from 'socket.io';
import type { DeviceHealth, DeviceManager, HubPort, PrintOutcome, TicketPrintJob } from '../devices/contract.js';
import { createDeviceManager, type DeviceTiming, type LocalDeviceManager } from '../devices/manager.js';
import { AgentNamespace, keyAction } from './agent-namespace.js';
import { Refusal } from './domain/errors.js';
import type { Hub } from './hub.js';
import { emitDeviceHealth } from './realtime.js';

function report(what: string) {
  return (err: unknown) => {
    // A refused press (nothing to rate, no ticket to recall) is normal hall life: ignored, and logged.
    if (err instanceof Refusal) console.info(`yichuang: ${what} ignored: ${err.message}`);
    else console.error(`yichuang: ${what} failed`, err);
  };
}

/** Local drivers plus the device agents, behind the one DeviceManager the hub prints through. */
export class HubDeviceManager implements DeviceManager {
  constructor(
    readonly local: LocalDeviceManager,
    readonly agents: AgentNamespace,
  ) {}

  print(kioskId: string, job: TicketPrintJob): Promise<PrintOutcome> {
    const agentId = this.agents.agentOf('printer', { kiosk: kioskId });
    return agentId ? this.agents.print(agentId, kioskId, job) : this.local.print(kioskId, job);
  }

  startRating(windowId: string): Promise<boolean> {
    const agentId = this.agents.agentOf('keypad', { window: windowId });
    return agentId ? this.agents.startRating(agentId, windowId) : this.local.startRating(windowId);
  }

  // The simulated devices of the hub process (demo, tests), as on LocalDeviceManager.
  simulatedPrinter(kioskId: string): ReturnType<LocalDeviceManager['simulatedPrinter']> {
    return this.local.simulatedPrinter(kioskId);
  }

  simulateCard(...args: Parameters<LocalDeviceManager['simulateCard']>): ReturnType<LocalDeviceManager['simulateCard']> {
    return this.local.simulateCard(...args);
  }

  simulateRating(...args: Parameters<LocalDeviceManager['simulateRating']>): boolean {
    return this.local.simulateRating(...args);
  }

  simulateKey(...args: Parameters<LocalDeviceManager['simulateKey']>): boolean {
    return this.local.simulateKey(...args);
  }

  showNumber(windowId: string, number: string): Promise<boolean> {
    return this.local.showNumber(windowId, number);
  }

  health(): DeviceHealth[] {
    return [...this.local.health(), ...this.agents.health()];
  }

  async close(): Promise<void> {
    this.agents.close();
    await this.local.close();
  }
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
      if (!staffId) {
        // Nobody signed in: the keypad cannot act; it beeps an error and nothing changes.
        void local.beep(windowId);
        return;
      }
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
  const devices = hub.config.devices;
  // A kiosk or window served by an agent has its devices there: the hub simulates none for it.
  const agentServed = new Set(devices.filter((d) => d.agent !== undefined).flatMap((d) => [d.kiosk, d.window]).filter((x) => x !== undefined));
  const local = createDeviceManager({
    hub: port,
    devices: devices.filter((d) => d.agent === undefined),
    kiosks: hub.config.kiosks.map((k) => k.id).filter((k) => !agentServed.has(k)),
    windows: hub.config.windows.map((w) => w.id).filter((w) => !agentServed.has(w)),
    timing,
  });
  const agents = new AgentNamespace(hub, io, { onHealth: (h) => emitDeviceHealth(io, hub, h) });
  hub.devices = new HubDeviceManager(local, agents);
  // The called number appears on the window's keypad display, for calls from any source.
  hub.onCommitted((events, state) => {
    for (const e of events) {
      if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') continue;
      const number = state.tickets.get(e.data.ticketId)?.number;
      if (number) void local.showNumber(e.data.windowId, number);
    }
  });
  return local;
}
