// The one small interface between the hub and the device layer. Drivers live in devices/ and never
// import server internals; the hub (or a device agent on a kiosk/window PC) implements HubPort and
// drives a DeviceManager. Everything here is plain data so it can cross a socket to an agent.

export type DeviceKind = 'printer' | 'idcard' | 'rating-pad' | 'keypad';
export type DeviceState = 'ok' | 'offline' | 'paper-out' | 'paper-low' | 'error' | 'simulated';

export interface DeviceHealth {
  id: string;
  kind: DeviceKind;
  state: DeviceState;
  detail?: string;
}

export type RatingScore = 'very-satisfied' | 'satisfied' | 'basic' | 'dissatisfied';

/** Keypad actions a window's call keypad can send (FF68 key codes or HID keys mapped in config). */
export type KeyAction = 'call-next' | 'recall' | 'ask-rating' | 'pause' | 'transfer' | 'abandon' | 'call-back';

export type CardType = 'resident' | 'hmt-residence' | 'foreign-permanent-2017' | 'foreign-permanent-2023';

/** What an ID-card reader read; stays on the hub, only a masked form reaches the kiosk. */
export interface CardIdentity {
  cardType: CardType;
  name: string;
  gender: 'male' | 'female' | 'unknown' | 'unspecified';
  nation?: string;
  birthDate: string; // YYYY-MM-DD
  address?: string;
  idNumber: string;
  issuer?: string;
  validFrom?: string; // YYYY-MM-DD
  validTo?: string; // YYYY-MM-DD or '长期'
}

export interface TicketPrintJob {
  /** Stable id: a retry of the same job id never prints twice. */
  jobId: string;
  ticketId: string;
  centerName: string;
  number: string;
  serviceName: string;
  serviceNameEn?: string;
  ahead: number;
  estimatedWaitMinutes: number;
  issuedAt: string; // ISO
  materials: string[];
  url: string;
  hotline: string;
  reprint?: boolean;
}

export type PrintOutcome = 'queued' | 'failed' | 'none';

/** Calls from the device layer into the hub. */
export interface HubPort {
  identityRead(kioskId: string, read: { identity: CardIdentity } | { error: string }): void;
  ratingPressed(windowId: string, score: RatingScore, deviceId: string): void;
  keyPressed(windowId: string, action: KeyAction, deviceId: string): void;
  healthChanged(health: DeviceHealth): void;
}

/** What the hub asks of the device layer. */
export interface DeviceManager {
  print(kioskId: string, job: TicketPrintJob): Promise<PrintOutcome>;
  health(): DeviceHealth[];
  close(): Promise<void>;
}
