import type { DeviceHealth, DeviceKind, DeviceState } from '../contract.js';

/** Holds one device's health and reports only real changes, so the hub is not flooded by polls. */
export class HealthTracker {
  private value: DeviceHealth;

  constructor(
    id: string,
    kind: DeviceKind,
    private readonly onChange: (health: DeviceHealth) => void,
    initial: { state: DeviceState; detail?: string } = { state: 'offline', detail: 'not connected yet' },
  ) {
    this.value = { id, kind, ...initial };
  }

  get current(): DeviceHealth {
    return { ...this.value };
  }

  set(state: DeviceState, detail?: string): void {
    if (state === this.value.state && detail === this.value.detail) return;
    this.value = { id: this.value.id, kind: this.value.kind, state, ...(detail === undefined ? {} : { detail }) };
    this.onChange(this.current);
  }
}

/** What every driver offers the manager. */
export interface Driver {
  start(): void;
  health(): DeviceHealth[];
  close(): Promise<void>;
}
