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
  /** Foreign permanent resident cards: the English name and the ISO 3166 alpha-3 nationality code. */
  nameEn?: string;
  nationality?: string;
}

/**
 * A card that could not be turned into an identity. `invalid card`: the card was read but fails the
 * checks (ID check character, dates); `unsupported card type`: an unknown type flag; `read failed`:
 * the reader could not read the placed card after a few tries. The kiosk shows a clear message.
 */
export type CardReadErrorCode = 'invalid card' | 'unsupported card type' | 'read failed';

export interface CardReadError {
  error: CardReadErrorCode;
  /** Set when the card's type flag was understood. */
  cardType?: CardType;
  /** Why, for logs and the technician (no personal data). */
  reason?: string;
}

export type IdentityRead = { identity: CardIdentity } | CardReadError;

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
  identityRead(kioskId: string, read: IdentityRead): void;
  ratingPressed(windowId: string, score: RatingScore, deviceId: string): void;
  keyPressed(windowId: string, action: KeyAction, deviceId: string): void;
  healthChanged(health: DeviceHealth): void;
}

/** One line of a printed ticket as a person would read it (see printer/printed-lines.ts). */
export type PrintedLine =
  | { kind: 'text'; text: string; width: number; height: number; align: 'left' | 'center' | 'right' }
  | { kind: 'qr'; data: string }
  | { kind: 'cut'; mode: 'full' | 'partial' };

/** A job a simulated printer printed, rendered for the admin screens. */
export interface PrintedTicket {
  jobId: string;
  ticketId: string;
  number: string;
  reprint: boolean;
  printedAt: string; // ISO
  lines: PrintedLine[];
}

/** What the hub asks of the device layer. */
export interface DeviceManager {
  print(kioskId: string, job: TicketPrintJob): Promise<PrintOutcome>;
  health(): DeviceHealth[];
  close(): Promise<void>;
  /** Shows a called number on a window's call keypad display; false when it has none or it did not answer. */
  showNumber(windowId: string, number: string): Promise<boolean>;
  /** Error beep on a window's call keypad (e.g. a key pressed while nobody is signed in there). */
  beep(windowId: string): Promise<boolean>;
  /** Asks a window's rating pad (through its keypad) to start a rating. */
  startRating(windowId: string): Promise<boolean>;
  /** Places a card on a kiosk's simulated reader; undefined when that kiosk has no simulated reader. */
  simulateCard(kioskId: string, identity: CardIdentity): IdentityRead | undefined;
  /** Presses a key of a window's simulated rating pad; false when it has none. */
  simulateRating(windowId: string, score: RatingScore): boolean;
  /** Presses a key of a window's simulated keypad; false when it has none. */
  simulateKey(windowId: string, action: KeyAction): boolean;
  /** The last tickets a simulated printer printed, newest last; undefined when `deviceId` is no simulated printer. */
  printPreview(deviceId: string): PrintedTicket[] | undefined;
}
