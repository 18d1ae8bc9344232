// Builds the drivers for the configured devices and offers them to the hub through the
// DeviceManager interface. Devices on one serial path share one FF68 bus driver. Kiosks and
// windows without a configured device get a simulated one (unless simulation is turned off).

import { parseDevicesConfig, isFf68, type DeviceConfig, type Ff68DeviceConfig, type HidDeviceConfig } from './config.js';
import type { CardIdentity, DeviceHealth, DeviceManager, HubPort, IdentityRead, KeyAction, PrintedTicket, PrintOutcome, RatingScore, TicketPrintJob } from './contract.js';
import { Ff68BusDriver } from './drivers/ff68-bus.js';
import type { Driver } from './drivers/health.js';
import { HidPadDriver } from './drivers/hid-pad.js';
import { IdCardReaderDriver } from './drivers/idcard-reader.js';
import { PrinterDriver } from './drivers/printer.js';
import type { IdTextExtras } from './idcard/id-text.js';
import type { TicketLayoutOptions } from './printer/ticket-layout.js';
import { SimulatedIdReader, SimulatedKeypad, SimulatedPrinter, SimulatedRatingPad } from './simulated.js';
import { createLink } from './transport/links.js';
import type { BackoffOptions } from './transport/reconnecting.js';

/** Timings; the defaults suit real devices, tests pass small values. */
export interface DeviceTiming {
  backoff?: BackoffOptions;
  printerPollMs?: number;
  printerStatusTimeoutMs?: number;
  idcardPollMs?: number;
  idcardResponseTimeoutMs?: number;
}

export interface DeviceManagerOptions {
  hub: HubPort;
  /** The `devices` array of the configuration, as read from the file; validated here. */
  devices?: unknown;
  /** Kiosk ids of the center: each without a configured printer / reader gets a simulated one. */
  kiosks?: string[];
  /** Window ids of the center: each without a configured pad / keypad gets a simulated one. */
  windows?: string[];
  /** Default true. With false, a kiosk without a printer prints 'none'. */
  simulateMissing?: boolean;
  timing?: DeviceTiming;
  layout?: TicketLayoutOptions;
  /** Where an exception thrown by a HubPort callback is reported. Default console.error. */
  onHubError?: (error: unknown) => void;
}

export class LocalDeviceManager implements DeviceManager {
  private readonly drivers: Driver[] = [];
  private readonly printers = new Map<string, PrinterDriver>();
  private readonly ff68Keypads = new Map<string, { bus: Ff68BusDriver; address: number }>();
  private readonly simPrinters = new Map<string, SimulatedPrinter>();
  private readonly simReaders = new Map<string, SimulatedIdReader>();
  private readonly simPads = new Map<string, SimulatedRatingPad>();
  private readonly simKeypads = new Map<string, SimulatedKeypad>();
  private readonly hub: HubPort;
  private readonly order: string[];

  /** Validates the configuration (throws DeviceConfigError) and starts every driver. */
  constructor(private readonly options: DeviceManagerOptions) {
    const devices = parseDevicesConfig(options.devices);
    this.hub = guardHub(options.hub, options.onHubError ?? ((e) => console.error('device layer: hub callback failed', e)));
    this.buildDrivers(devices);
    if (options.simulateMissing !== false) this.buildSimulated(devices);
    this.order = devices.map((d) => d.id);
    for (const d of this.drivers) d.start();
  }

  print(kioskId: string, job: TicketPrintJob): Promise<PrintOutcome> {
    const printer = this.printers.get(kioskId) ?? this.simPrinters.get(kioskId);
    return printer ? printer.print(job) : Promise.resolve('none');
  }

  health(): DeviceHealth[] {
    const real = this.drivers.flatMap((d) => d.health());
    real.sort((a, b) => this.order.indexOf(a.id) - this.order.indexOf(b.id));
    const simulated = [this.simPrinters, this.simReaders, this.simPads, this.simKeypads].flatMap((m) => [...m.values()].map((s) => s.health));
    return [...real, ...simulated];
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.drivers.map((d) => d.close()));
  }

  /** The simulated printer of a kiosk (its decoded jobs, setState for paper-out), if it has one. */
  simulatedPrinter(kioskId: string): SimulatedPrinter | undefined {
    return this.simPrinters.get(kioskId);
  }

  /** The simulated card reader of a kiosk (setState for an unplugged or failing reader), if it has one. */
  simulatedReader(kioskId: string): SimulatedIdReader | undefined {
    return this.simReaders.get(kioskId);
  }

  printPreview(deviceId: string): PrintedTicket[] | undefined {
    for (const printer of this.simPrinters.values()) if (printer.health.id === deviceId) return printer.preview();
    return undefined;
  }

  /** Places a card on a kiosk's simulated reader; undefined when that kiosk has a real reader. */
  simulateCard(kioskId: string, identity: CardIdentity, extras?: IdTextExtras): IdentityRead | undefined {
    return this.simReaders.get(kioskId)?.placeCard(identity, extras);
  }

  /** Presses a key of a window's simulated rating pad; false when the window has a real pad. */
  simulateRating(windowId: string, score: RatingScore): boolean {
    const pad = this.simPads.get(windowId);
    pad?.press(score);
    return pad !== undefined;
  }

  simulateKey(windowId: string, action: KeyAction): boolean {
    const keypad = this.simKeypads.get(windowId);
    keypad?.press(action);
    return keypad !== undefined;
  }

  /** Shows a called number on a window's FF68 keypad; false when there is none or it did not answer. */
  async showNumber(windowId: string, number: string): Promise<boolean> {
    const keypad = this.ff68Keypads.get(windowId);
    return keypad ? keypad.bus.showNumber(keypad.address, number) : false;
  }

  /** Beeps a window's FF68 keypad (an error: e.g. nobody is signed in at that window). */
  async beep(windowId: string): Promise<boolean> {
    const keypad = this.ff68Keypads.get(windowId);
    return keypad ? keypad.bus.beep(keypad.address) : false;
  }

  /** Asks the pad of a window (through its FF68 keypad) to start a rating. */
  async startRating(windowId: string): Promise<boolean> {
    const keypad = this.ff68Keypads.get(windowId);
    return keypad ? keypad.bus.startRating(keypad.address) : false;
  }

  private buildDrivers(devices: DeviceConfig[]): void {
    const { hub } = this;
    const timing = this.options.timing ?? {};
    const onHealth = (h: DeviceHealth): void => hub.healthChanged(h);
    const buses = new Map<string, Ff68DeviceConfig[]>();

    for (const d of devices) {
      if (d.kind === 'printer') {
        const driver = new PrinterDriver({
          id: d.id,
          link: createLink(d, timing.backoff),
          onHealth,
          statusQuery: d.statusQuery,
          pollIntervalMs: timing.printerPollMs,
          statusTimeoutMs: timing.printerStatusTimeoutMs,
          layout: this.options.layout,
        });
        this.printers.set(d.kiosk, driver);
        this.drivers.push(driver);
      } else if (d.kind === 'idcard') {
        const kiosk = d.kiosk;
        this.drivers.push(
          new IdCardReaderDriver({
            id: d.id,
            link: createLink(d, timing.backoff),
            onRead: (read) => hub.identityRead(kiosk, read),
            onHealth,
            pollIntervalMs: timing.idcardPollMs,
            responseTimeoutMs: timing.idcardResponseTimeoutMs,
          }),
        );
      } else if (isFf68(d)) {
        buses.set(d.path, [...(buses.get(d.path) ?? []), d]);
      } else {
        this.drivers.push(this.hidDriver(d, onHealth));
      }
    }

    for (const [path, members] of buses) {
      const first = members[0] as Ff68DeviceConfig;
      const bus = new Ff68BusDriver({
        link: createLink({ transport: 'serial', path, baudRate: first.baudRate }, timing.backoff),
        devices: members.map((m) => ({
          id: m.id,
          kind: m.kind,
          windowId: m.window,
          address: m.address,
          ratingMap: m.kind === 'rating-pad' ? m.ratingKeys : undefined,
        })),
        onKey: (w, a, id) => hub.keyPressed(w, a, id),
        onRating: (w, s, id) => hub.ratingPressed(w, s, id),
        onHealth,
      });
      for (const m of members) if (m.kind === 'keypad') this.ff68Keypads.set(m.window, { bus, address: m.address });
      this.drivers.push(bus);
    }
  }

  private hidDriver(d: HidDeviceConfig, onHealth: (h: DeviceHealth) => void): HidPadDriver {
    const { hub } = this;
    const common = { id: d.id, windowId: d.window, link: createLink(d, this.options.timing?.backoff), onHealth };
    return d.kind === 'rating-pad'
      ? new HidPadDriver({ ...common, kind: 'rating-pad', keys: d.keys, onRating: (w, s, id) => hub.ratingPressed(w, s, id) })
      : new HidPadDriver({ ...common, kind: 'keypad', keys: d.keys, onKey: (w, a, id) => hub.keyPressed(w, a, id) });
  }

  private buildSimulated(devices: DeviceConfig[]): void {
    const { hub } = this;
    const onHealth = (h: DeviceHealth): void => hub.healthChanged(h);
    const has = (kind: DeviceConfig['kind'], where: string): boolean =>
      devices.some((d) => d.kind === kind && ('kiosk' in d ? d.kiosk : d.window) === where);
    for (const k of this.options.kiosks ?? []) {
      if (!has('printer', k)) this.simPrinters.set(k, new SimulatedPrinter(`sim-printer-${k}`, k, onHealth, this.options.layout));
      if (!has('idcard', k)) this.simReaders.set(k, new SimulatedIdReader(`sim-idcard-${k}`, k, onHealth, (r) => hub.identityRead(k, r)));
    }
    for (const w of this.options.windows ?? []) {
      if (!has('rating-pad', w)) this.simPads.set(w, new SimulatedRatingPad(`sim-pad-${w}`, w, onHealth, hub));
      if (!has('keypad', w)) this.simKeypads.set(w, new SimulatedKeypad(`sim-keys-${w}`, w, onHealth, hub));
    }
  }
}

/** Starts the device layer for a center. */
export function createDeviceManager(options: DeviceManagerOptions): LocalDeviceManager {
  return new LocalDeviceManager(options);
}

/** A hub bug must not stop a driver's loop: exceptions from callbacks are reported, not thrown. */
function guardHub(hub: HubPort, report: (e: unknown) => void): HubPort {
  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (e) {
        report(e);
      }
    };
  return {
    identityRead: guard((k: string, r: Parameters<HubPort['identityRead']>[1]) => hub.identityRead(k, r)),
    ratingPressed: guard((w: string, s: RatingScore, id: string) => hub.ratingPressed(w, s, id)),
    keyPressed: guard((w: string, a: KeyAction, id: string) => hub.keyPressed(w, a, id)),
    healthChanged: guard((h: DeviceHealth) => hub.healthChanged(h)),
  };
}
