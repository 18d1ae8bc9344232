// The device agent: runs the drivers of the devices plugged into a kiosk or window PC and talks to
// the hub over socket.io (namespace `/devices`, see devices/README.md "Agent"). Every pad or keypad press
// gets a stable id and is written to the durable outbox before it is sent; unanswered presses are sent
// again, in order, on every (re)connect until the hub answers, so a press lands exactly once across
// hub and agent restarts. Card reads and health are live data: sent when connected, never replayed.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import type { DeviceManager, HubPort, PrintOutcome } from '../contract.js';
import { createDeviceManager } from '../manager.js';
import type { AgentConfig } from './config.js';
import { Outbox } from './outbox.js';
import { AGENT_NAMESPACE, type KeypadCommands, type Press, type PressAck, type PrintRequest } from './protocol.js';

/** What the agent needs of its device layer (a LocalDeviceManager; tests give a smaller one). */
export type AgentDeviceManager = Pick<DeviceManager, 'print' | 'health' | 'close'> & Partial<Pick<DeviceManager, 'startRating' | 'showNumber' | 'beep'>>;

export interface AgentOptions {
  /** Builds the device layer around the agent's HubPort. Default: the configured drivers, no simulated devices. */
  createManager?: (port: HubPort, config: AgentConfig) => AgentDeviceManager;
  /** Default: console. */
  log?: (message: string, error?: unknown) => void;
}

/** A press before it has an id (one is generated unless given). */
export type NewPress = Press extends infer P ? (P extends Press ? Omit<P, 'id'> & { id?: string } : never) : never;

const PRINT_OUTCOMES = new Set<PrintOutcome>(['queued', 'failed', 'none']);

/**
 * Events: `connect`, `disconnect` (reason), `refused` ({code, message}: the hub turned the handshake
 * down), `sent` (press id, each attempt), `answered` (press id, PressAck: final, recorded in the outbox).
 */
export class DeviceAgent extends EventEmitter {
  readonly outbox: Outbox;
  readonly manager: AgentDeviceManager;
  private readonly socket: Socket;
  private readonly log: (message: string, error?: unknown) => void;
  private flushing = false;
  private flushAgain = false;
  private readonly timers = new Map<'flush' | 'connect', NodeJS.Timeout>();
  private closed = false;

  constructor(
    readonly config: AgentConfig,
    options: AgentOptions = {},
  ) {
    super();
    this.log = options.log ?? ((m, e) => (e === undefined ? console.log(m) : console.error(m, e)));
    this.outbox = Outbox.open(config.outbox);
    this.socket = io(`${config.hub.replace(/\/$/, '')}${AGENT_NAMESPACE}`, {
      auth: { agentId: config.agentId, key: config.key },
      transports: ['websocket'],
      autoConnect: false,
      reconnection: true,
      reconnectionDelay: config.reconnectDelayMs,
      reconnectionDelayMax: config.reconnectDelayMaxMs,
    });
    const port = this.hubPort();
    this.manager = options.createManager
      ? options.createManager(port, config)
      : createDeviceManager({ hub: port, devices: config.devices, kiosks: config.kiosks, windows: config.windows, simulateMissing: false, onHubError: (e) => this.log('agent: press handling failed', e) });
    this.wireSocket();
    this.socket.connect();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Presses recorded but not yet answered by the hub, oldest first. */
  pending(): Press[] {
    return this.outbox.pending();
  }

  /** Records a press durably and sends it when connected. Used by the drivers through the HubPort. */
  press(press: NewPress): string {
    const full = { ...press, id: press.id ?? `${this.config.agentId}:${randomUUID()}` } as Press;
    if (this.closed) {
      this.log(`agent ${this.config.agentId}: ${full.kind} press at window ${full.windowId} after close, dropped`);
      return full.id;
    }
    this.outbox.add(full);
    void this.flush();
    return full.id;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.socket.disconnect();
    await this.manager.close();
    this.outbox.close();
  }

  private hubPort(): HubPort {
    return {
      ratingPressed: (windowId, score, deviceId) => void this.press({ kind: 'rating', windowId, score, deviceId }),
      keyPressed: (windowId, action, deviceId) => void this.press({ kind: 'key', windowId, action, deviceId }),
      identityRead: (kioskId, read) => {
        // A card read is only useful to the person standing at the kiosk now: never queued.
        if (this.socket?.connected) this.socket.emit('identity', { kioskId, ...read });
        else this.log(`agent: card read at kiosk ${kioskId} dropped, hub not connected`);
      },
      healthChanged: (health) => {
        this.log(`agent ${this.config.agentId}: ${health.id} ${health.state}${health.detail ? ` (${health.detail})` : ''}`);
        if (this.socket?.connected) this.socket.emit('health', health);
      },
    };
  }

  private wireSocket(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.log(`agent ${this.config.agentId}: connected to ${this.config.hub}`);
      for (const h of this.manager.health()) s.emit('health', h);
      this.emit('connect');
      void this.flush();
    });
    s.on('disconnect', (reason) => {
      if (this.closed) return;
      this.log(`agent ${this.config.agentId}: disconnected (${reason})`);
      this.emit('disconnect', reason);
      // Sent away by the hub (e.g. it is shutting down its devices): socket.io would not come back by itself.
      if (reason === 'io server disconnect') this.scheduleRetry('connect', () => !this.closed && !s.connected && s.connect(), this.config.reconnectDelayMs);
    });
    s.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      if (this.closed) return;
      if (s.active) return; // a network error: socket.io retries with its own backoff
      // Refused by the hub (wrong key, unknown agent, namespace not up yet): socket.io gives up; we retry slowly.
      const refusal = { code: err.data?.code ?? 'refused', message: err.data?.message ?? err.message };
      this.log(`agent ${this.config.agentId}: hub refused the connection: ${refusal.code}: ${refusal.message}`);
      this.emit('refused', refusal);
      this.scheduleRetry('connect', () => {
        if (!this.closed && !s.connected) s.connect();
      }, this.config.reconnectDelayMaxMs);
    });
    s.on('print', (req: PrintRequest, ack?: (outcome: PrintOutcome) => void) => {
      if (typeof ack !== 'function') return;
      if (!req || typeof req.kioskId !== 'string' || !this.config.kiosks.includes(req.kioskId)) return ack('none');
      this.manager.print(req.kioskId, req.job).then(
        (outcome) => ack(PRINT_OUTCOMES.has(outcome) ? outcome : 'failed'),
        (e: unknown) => {
          this.log(`agent: print at kiosk ${req.kioskId} failed`, e);
          ack('failed');
        },
      );
    });
    // Hub → keypad: the called number on its display, an error beep, start a rating on the pad.
    this.onKeypadCommand('show-number', (req) => typeof req.number === 'string' && this.manager.showNumber?.(req.windowId, req.number));
    this.onKeypadCommand('beep', (req) => this.manager.beep?.(req.windowId));
    this.onKeypadCommand('start-rating', (req) => this.manager.startRating?.(req.windowId));
  }

  private onKeypadCommand<E extends keyof KeypadCommands>(event: E, run: (req: KeypadCommands[E]) => Promise<boolean> | false | undefined): void {
    this.socket.on(event as string, (req: KeypadCommands[E], ack?: (done: boolean) => void) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!req || typeof req.windowId !== 'string' || !this.config.windows.includes(req.windowId)) return reply(false);
      const done = run(req);
      if (!done) return reply(false);
      done.then(reply, (e: unknown) => {
        this.log(`agent: ${event} at window ${req.windowId} failed`, e);
        reply(false);
      });
    });
  }

  private scheduleRetry(what: 'flush' | 'connect', fn: () => void, ms: number): void {
    clearTimeout(this.timers.get(what));
    this.timers.set(
      what,
      setTimeout(() => {
        this.timers.delete(what);
        fn();
      }, ms),
    );
  }

  /** Sends the pending presses one at a time, in order, until none is left or the hub stops answering. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      while (!this.closed && this.socket.connected) {
        const next = this.outbox.pending()[0];
        if (!next) break;
        const ack = await this.send(next);
        if (this.closed) break;
        if (ack === undefined || (!ack.ok && ack.retry)) {
          // No answer (timeout, disconnect) or the hub could not decide now: try again later or on reconnect.
          this.scheduleRetry('flush', () => void this.flush(), this.config.reconnectDelayMs);
          this.flushAgain = false;
          break;
        }
        this.outbox.ack(next.id, ack);
        this.emit('answered', next.id, ack);
      }
    } finally {
      this.flushing = false;
    }
    if (this.flushAgain) {
      this.flushAgain = false;
      void this.flush();
    }
  }

  private send(press: Press): Promise<PressAck | undefined> {
    const s = this.socket;
    return new Promise((resolve) => {
      let settled = false;
      const done = (value: PressAck | undefined): void => {
        if (settled) return;
        settled = true;
        s.off('disconnect', onDisconnect);
        resolve(value);
      };
      const onDisconnect = (): void => done(undefined);
      s.once('disconnect', onDisconnect);
      this.emit('sent', press.id);
      s.timeout(this.config.ackTimeoutMs).emit('press', press, (err: Error | null, ack: unknown) => done(err ? undefined : validAck(ack)));
    });
  }
}

function validAck(ack: unknown): PressAck | undefined {
  if (typeof ack !== 'object' || ack === null || typeof (ack as { ok?: unknown }).ok !== 'boolean') return undefined;
  return ack as PressAck;
}

/** Starts an agent for a validated configuration. */
export function startAgent(config: AgentConfig, options?: AgentOptions): DeviceAgent {
  return new DeviceAgent(config, options);
}
