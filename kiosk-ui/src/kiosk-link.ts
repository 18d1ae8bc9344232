// The kiosk's connection to the hub: its identity from the address (`/kiosk/?kiosk=K1[&key=…]`), the
// HTTP calls (with X-Kiosk-Key) and the `/kiosk` socket (card reads, printer state, live service tiles).
import { io, type Socket } from 'socket.io-client';
import type { CardRead, IssuedTicket } from './flow.js';

export interface KioskParams {
  kioskId: string;
  key: string | undefined;
}

export interface ServiceTile {
  id: string;
  prefix: string;
  name: string;
  nameEn: string;
  description: string | null;
  descriptionEn: string | null;
  materials: string[];
  hours: string | null;
  waiting: number;
  estimatedWaitMinutes: number;
  open: boolean;
  windows: string[];
}

export interface KioskSetup {
  kioskId: string;
  kioskName: string | null;
  idleSeconds: number;
  greenAge: number;
  exitPinSet: boolean;
  publicUrl: string | null;
  center: { name: string; nameEn: string | null; hotline: string; address: string | null; phone: string | null };
  servicesEn: Record<string, { materialsEn: string[] | null; hoursEn: string | null; descriptionEn: string | null }>;
}

export type PrinterState = 'ok' | 'offline' | 'paper-out' | 'paper-low' | 'error' | 'simulated' | 'none';

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string) {
    super(message);
  }
}

/** Reads the kiosk id and key from the page address, then drops the key from the visible address. */
export function readParams(location: Location, history: History): KioskParams | null {
  const q = new URLSearchParams(location.search);
  const kioskId = q.get('kiosk');
  if (!kioskId) return null;
  const key = q.get('key') ?? undefined;
  if (key !== undefined) {
    q.delete('key');
    history.replaceState(null, '', `${location.pathname}?${q.toString()}`);
  }
  return { kioskId, key };
}

export class KioskApi {
  constructor(readonly params: KioskParams) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.params.key) headers['x-kiosk-key'] = this.params.key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (err) {
      throw new ApiFailure(0, 'offline', (err as Error).message);
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
    if (!res.ok) throw new ApiFailure(res.status, data?.error?.code, data?.error?.message ?? `HTTP ${res.status}`);
    return data as T;
  }

  setup = () => this.call<KioskSetup>('GET', `/api/v1/kiosks/${encodeURIComponent(this.params.kioskId)}/setup`);
  services = () => this.call<ServiceTile[]>('GET', '/api/v1/services');
  issue = (body: { serviceId: string; identityToken?: string; phone?: string; priority?: 'normal' | 'green' }) =>
    this.call<IssuedTicket>('POST', '/api/v1/tickets', { ...body, kioskId: this.params.kioskId });
  exit = (pin: string) => this.call<void>('POST', `/api/v1/kiosks/${encodeURIComponent(this.params.kioskId)}/exit`, { pin });
  get = <T>(path: string) => this.call<T>('GET', path);
}

export interface KioskEvents {
  onConnection(connected: boolean): void;
  onServices(services: ServiceTile[]): void;
  onPrinter(state: PrinterState): void;
  onCard(read: CardRead): void;
  /** A card that gave no identity (bad, unsupported or unreadable). */
  onCardError(error: CardError): void;
  /** The state of this kiosk's ID-card reader. */
  onReader(state: PrinterState): void;
}

export type CardError = 'invalid card' | 'unsupported card type' | 'read failed';

/** The `/kiosk` socket: reconnects by itself; the hub resends services and printer state on each connect. */
export function connectKiosk(params: KioskParams, events: KioskEvents): Socket {
  const socket = io('/kiosk', {
    query: { kiosk: params.kioskId },
    auth: params.key ? { kioskKey: params.key } : {},
    transports: ['websocket'],
    reconnectionDelayMax: 3000,
  });
  socket.on('connect', () => events.onConnection(true));
  socket.on('disconnect', () => events.onConnection(false));
  socket.on('connect_error', () => events.onConnection(false));
  socket.on('services', (list: ServiceTile[]) => events.onServices(list));
  socket.on('printer', (p: { state: PrinterState }) => events.onPrinter(p.state));
  socket.on('idcard', (read: CardRead) => events.onCard(read));
  socket.on('idcard-error', (e: { error: CardError }) => events.onCardError(e.error));
  socket.on('idcard-reader', (r: { state: PrinterState }) => events.onReader(r.state));
  return socket;
}
