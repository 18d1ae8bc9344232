import type { DeviceHealth, HubPort } from '../../../devices/contract.js';

/** A HubPort that writes down every call, for assertions. */
export class RecordingHub implements HubPort {
  readonly identities: { kioskId: string; read: Parameters<HubPort['identityRead']>[1] }[] = [];
  readonly ratings: string[] = [];
  readonly keys: string[] = [];
  readonly healths: DeviceHealth[] = [];

  identityRead(kioskId: string, read: Parameters<HubPort['identityRead']>[1]): void {
    this.identities.push({ kioskId, read });
  }

  ratingPressed(windowId: string, score: string, deviceId: string): void {
    this.ratings.push(`${windowId} ${score} ${deviceId}`);
  }

  keyPressed(windowId: string, action: string, deviceId: string): void {
    this.keys.push(`${windowId} ${action} ${deviceId}`);
  }

  healthChanged(health: DeviceHealth): void {
    this.healths.push(health);
  }
}
