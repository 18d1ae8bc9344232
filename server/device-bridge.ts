// Connects the device layer to the hub: card reads become identity tokens for the kiosk, pad presses
// become ratings, keypad keys act as the staff member signed in at that window, and health changes
// reach the kiosk screens. The device layer itself never sees the hub's internals.
//
// Devices with `agent` set run in a device agent on a kiosk/window PC (devices/agent/), which talks to
// the hub over the `/devices` namespace (server/agent-namespace.ts). The hub's DeviceManager is then a
// composite: local drivers for the other devices, the agent's socket for printers it runs.
import type { Server } from 'socket.io';
import type { CardIdentity, CardReadError, DeviceHealth, DeviceManager, HubPort, IdentityRead, KeyAction, PrintedTicket, PrintOutcome, RatingScore, TicketPrintJob } from '../devices/contract.js';
import { createDeviceManager, type DeviceTiming, type LocalDeviceManager } from '../devices/manager.js';
import { AgentNamespace, keyAction } from './agent-namespace.js';
import { publishDeviceHealth } from './device-health-feed.js';
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

/** What the kiosk shows for a card that gives no identity (its own i18n may use `error` as the key). */
const CARD_ERROR_MESSAGES: Record<CardReadError['error'], string> = {
  'invalid card': '证件无效，请咨询工作人员 / Invalid card: please ask the staff',
  'unsupported card type': '暂不支持此类证件，请直接取号 / This card type is not supported: please take a number without it',
  'read failed': '读卡失败，请重新放置证件 / The card could not be read: please place it again',
};

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

  // A window's keypad runs in the hub or in the agent configured for it.
  showNumber(windowId: string, number: string): Promise<boolean> {
    const agentId = this.agents.agentOf('keypad', { window: windowId });
    return agentId ? this.agents.keypad(agentId, 'show-number', { windowId, number }) : this.local.showNumber(windowId, number);
  }

  beep(windowId: string): Promise<boolean> {
    const agentId = this.agents.agentOf('keypad', { window: windowId });
    return agentId ? this.agents.keypad(agentId, 'beep', { windowId }) : this.local.beep(windowId);
  }

  startRating(windowId: string): Promise<boolean> {
    const agentId = this.agents.agentOf('keypad', { window: windowId });
    return agentId ? this.agents.keypad(agentId, 'start-rating', { windowId }) : this.local.startRating(windowId);
  }

  // The simulated devices of the hub process (demo, tests); agents never run simulated ones.
  simulatedPrinter(kioskId: string): ReturnType<LocalDeviceManager['simulatedPrinter']> {
    return this.local.simulatedPrinter(kioskId);
  }

  simulatedReader(kioskId: string): ReturnType<LocalDeviceManager['simulatedReader']> {
    return this.local.simulatedReader(kioskId);
  }

  simulateCard(kioskId: string, identity: CardIdentity): IdentityRead | undefined {
    return this.local.simulateCard(kioskId, identity);
  }

  simulateRating(windowId: string, score: RatingScore): boolean {
    return this.local.simulateRating(windowId, score);
  }

  simulateKey(windowId: string, action: KeyAction): boolean {
    return this.local.simulateKey(windowId, action);
  }

  printPreview(deviceId: string): PrintedTicket[] | undefined {
    return this.local.printPreview(deviceId);
  }

  health(): DeviceHealth[] {
    return [...this.local.health(), ...this.agents.health()];
  }

  async close(): Promise<void> {
    this.agents.close();
    await this.local.close();
  }
}

export function attachDevices(hub: Hub, io: Server, timing?: DeviceTiming): HubDeviceManager {
  const onHealth = (health: DeviceHealth): void => {
    emitDeviceHealth(io, hub, health);
    publishDeviceHealth(io, hub, health);
  };
  const identityRead = (kioskId: string, read: IdentityRead): void => {
    if ('identity' in read) {
      hub.emitIdentity(kioskId, hub.identityRead(kioskId, read.identity));
      return;
    }
    // Never an identity: the kiosk hears a clear error it can show; the reason is for the log only.
    console.info(`yichuang: card at kiosk ${kioskId}: ${read.error}${read.cardType ? ` (${read.cardType})` : ''}${read.reason ? `: ${read.reason}` : ''}`);
    const { error, cardType } = read;
    io.of('/kiosk').to(`kiosk:${kioskId}`).emit('idcard-error', { error, message: CARD_ERROR_MESSAGES[error], ...(cardType ? { cardType } : {}) });
  };
  const port: HubPort = {
    identityRead,
    ratingPressed(windowId, score) {
      hub.rate(windowId, score, 'pad').catch(report(`rating at window ${windowId}`));
    },
    keyPressed(windowId, action) {
      const staffId = hub.signedInAt(windowId);
      if (!staffId) {
        // Nobody signed in: the keypad cannot act; it beeps an error and nothing changes.
        void devices.beep(windowId);
        return;
      }
      if (action === 'ask-rating') {
        void devices.startRating(windowId);
        return;
      }
      const mapped = keyAction(action, hub.state.windows.get(windowId)?.status);
      if (mapped) hub.windowAction(windowId, mapped.name, staffId, mapped.body).catch(report(`keypad ${action} at window ${windowId}`));
    },
    healthChanged: onHealth,
  };
  const configured = hub.config.devices;
  // A kiosk or window served by an agent has its devices there: the hub simulates none for it.
  const agentServed = new Set(configured.filter((d) => d.agent !== undefined).flatMap((d) => [d.kiosk, d.window]).filter((x) => x !== undefined));
  const local = createDeviceManager({
    hub: port,
    devices: configured.filter((d) => d.agent === undefined),
    kiosks: hub.config.kiosks.map((k) => k.id).filter((k) => !agentServed.has(k)),
    windows: hub.config.windows.map((w) => w.id).filter((w) => !agentServed.has(w)),
    timing,
  });
  const agents = new AgentNamespace(hub, io, { onHealth, onIdentity: identityRead });
  const devices = new HubDeviceManager(local, agents);
  hub.devices = devices;
  // The called number appears on the window's keypad display (in the hub or at an agent), for calls from any source.
  hub.onCommitted((events, state) => {
    for (const e of events) {
      if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') continue;
      const number = state.tickets.get(e.data.ticketId)?.number;
      if (number) void devices.showNumber(e.data.windowId, number);
    }
  });
  return devices;
}
