// The hub's side of the device agents (devices/README.md "Agent"): socket.io namespace `/devices`.
// An agent authenticates with `auth: {agentId, key}` against `config.agents`. Presses are acked only
// once they are durable in the ledger (or refused, which is final too); a press id is the ledger's
// idempotency key, so a resend after a lost ack or a restart acts once. The hub keeps the health each
// agent reports, so /api/v1/health lists agent devices, `offline` while their agent is away.
import type { Namespace, Server, Socket } from 'socket.io';
import type { DeviceHealth, DeviceKind, DeviceManager, IdentityRead, KeyAction, PrintOutcome, TicketPrintJob } from '../devices/contract.js';
import {
  AGENT_NAMESPACE,
  healthSchema,
  identityFromAgent,
  identityMessageSchema,
  pressSchema,
  type KeypadCommands,
  type Press,
  type PressAck,
} from '../devices/agent/protocol.js';
import { Refusal } from './domain/errors.js';
import type { Hub, WindowActionName } from './hub.js';

export interface AgentNamespaceOptions {
  /** How long a print waits for the agent's answer before it counts as 'failed'. Default 10 s. */
  printTimeoutMs?: number;
  /** Called on every change of an agent device's health (also `offline` when its agent goes away). */
  onHealth?: (health: DeviceHealth) => void;
  /** A card read (or a card error) at a kiosk one of the agents serves, checked again here. */
  onIdentity?: (kioskId: string, read: IdentityRead) => void;
}

interface AgentSlot {
  /** Live connections, oldest first; the newest one is used for prints (normally there is one). */
  sockets: Socket[];
  reported: Map<string, DeviceHealth>;
}

interface ConfiguredDevice {
  id: string;
  kind: DeviceKind;
  kiosk?: string;
  window?: string;
  agent?: string;
}

const PRINT_OUTCOMES = new Set<PrintOutcome>(['queued', 'failed', 'none']);

export class AgentNamespace {
  private readonly slots = new Map<string, AgentSlot>();
  private readonly nsp: Namespace;
  private readonly printTimeoutMs: number;
  private readonly onHealth: (health: DeviceHealth) => void;
  private readonly onIdentity: (kioskId: string, read: IdentityRead) => void;

  constructor(
    private readonly hub: Hub,
    private readonly io: Server,
    options: AgentNamespaceOptions = {},
  ) {
    this.printTimeoutMs = options.printTimeoutMs ?? 10_000;
    this.onHealth = options.onHealth ?? (() => undefined);
    this.onIdentity = options.onIdentity ?? (() => undefined);
    for (const a of hub.config.agents) this.slots.set(a.id, { sockets: [], reported: new Map() });
    this.nsp = io.of(AGENT_NAMESPACE);
    this.nsp.use((socket, next) => {
      const auth = (socket.handshake.auth ?? {}) as { agentId?: unknown; key?: unknown };
      const conf = hub.config.agents.find((a) => a.id === auth.agentId);
      if (!conf) return refuse(next, 'unknown-agent', `无此设备代理 / unknown agent ${String(auth.agentId ?? '')}`);
      if (auth.key !== conf.key) return refuse(next, 'agent-key', '设备代理密钥错误 / agent key required');
      next();
    });
    this.nsp.on('connection', (socket) => this.onConnection(socket));
  }

  /** The agent running a device of `kind` at a kiosk or window, from the hub configuration. */
  agentOf(kind: DeviceKind, where: { kiosk?: string; window?: string }): string | undefined {
    return this.devices().find((d) => d.kind === kind && (where.kiosk !== undefined ? d.kiosk === where.kiosk : d.window === where.window))?.agent;
  }

  connected(agentId: string): boolean {
    return this.socketOf(agentId) !== undefined;
  }

  private socketOf(agentId: string): Socket | undefined {
    return this.slots.get(agentId)?.sockets.findLast((s) => s.connected);
  }

  /** Prints through an agent; 'failed' when it is not connected or does not answer in time. */
  async print(agentId: string, kioskId: string, job: TicketPrintJob): Promise<PrintOutcome> {
    const socket = this.socketOf(agentId);
    if (!socket) return 'failed';
    try {
      const outcome: unknown = await socket.timeout(this.printTimeoutMs).emitWithAck('print', { kioskId, job });
      return PRINT_OUTCOMES.has(outcome as PrintOutcome) ? (outcome as PrintOutcome) : 'failed';
    } catch {
      return 'failed';
    }
  }

  /** Sends a command to an agent's call keypad (show number, beep, start rating); false when not done. */
  async keypad<E extends keyof KeypadCommands>(agentId: string, event: E, request: KeypadCommands[E]): Promise<boolean> {
    const socket = this.socketOf(agentId);
    if (!socket) return false;
    try {
      return (await socket.timeout(this.printTimeoutMs).emitWithAck(event, request)) === true;
    } catch {
      return false;
    }
  }

  /** Health of every agent device: configured ones first (config order), then others the agents reported. */
  health(): DeviceHealth[] {
    return [...this.slots.keys()].flatMap((agentId) => this.healthOf(agentId));
  }

  private healthOf(agentId: string): DeviceHealth[] {
    const slot = this.slots.get(agentId);
    if (!slot) return [];
    const online = this.connected(agentId);
    const configured = this.devices().filter((d) => d.agent === agentId);
    const known = [...configured.map((d) => ({ id: d.id, kind: d.kind })), ...[...slot.reported.values()].filter((h) => !configured.some((d) => d.id === h.id))];
    return known.map((d) =>
      !online
        ? { id: d.id, kind: d.kind, state: 'offline', detail: `设备代理 ${agentId} 未连接 / agent ${agentId} not connected` }
        : (slot.reported.get(d.id) ?? { id: d.id, kind: d.kind, state: 'offline', detail: `agent ${agentId} has not reported this device` }),
    );
  }

  close(): void {
    this.nsp.disconnectSockets(true);
  }

  private devices(): ConfiguredDevice[] {
    return this.hub.config.devices as ConfiguredDevice[];
  }

  private onConnection(socket: Socket): void {
    const agentId = String((socket.handshake.auth as { agentId: string }).agentId);
    const slot = this.slots.get(agentId)!;
    if (slot.sockets.length === 0) slot.reported.clear(); // fresh health follows the handshake
    else console.warn(`yichuang: agent ${agentId} has ${slot.sockets.length + 1} connections (two agents with one id?)`);
    slot.sockets.push(socket);

    socket.on('disconnect', () => {
      slot.sockets = slot.sockets.filter((s) => s !== socket);
      if (slot.sockets.length === 0) for (const h of this.healthOf(agentId)) this.onHealth(h);
    });

    socket.on('press', (raw: unknown, ack?: (reply: PressAck) => void) => {
      if (typeof ack !== 'function') return;
      const parsed = pressSchema.safeParse(raw);
      if (!parsed.success) return ack({ ok: false, code: 'bad-press', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      const press = parsed.data;
      const kind: DeviceKind = press.kind === 'rating' ? 'rating-pad' : 'keypad';
      if (this.agentOf(kind, { window: press.windowId }) !== agentId) {
        return ack({ ok: false, code: 'not-this-agent', message: `窗口 ${press.windowId} 的${kind}不属于设备代理 ${agentId} / not served by this agent` });
      }
      applyPress(this.hub, press, this.hub.devices).then((reply) => {
        // A refused press (nothing awaiting a rating, nobody signed in) is ignored, and logged.
        if (!reply.ok && !reply.retry) console.info(`yichuang: ${press.kind} press ${press.id} at window ${press.windowId} ignored: ${reply.message}`);
        if (socket.connected) ack(reply);
      });
    });

    socket.on('identity', (raw: unknown) => {
      const parsed = identityMessageSchema.safeParse(raw);
      if (!parsed.success || this.agentOf('idcard', { kiosk: parsed.data.kioskId }) !== agentId) return;
      this.onIdentity(parsed.data.kioskId, identityFromAgent(parsed.data));
    });

    socket.on('health', (raw: unknown) => {
      const parsed = healthSchema.safeParse(raw);
      if (!parsed.success || !socket.connected) return;
      const h: DeviceHealth = parsed.data.detail === undefined ? { id: parsed.data.id, kind: parsed.data.kind, state: parsed.data.state } : parsed.data;
      slot.reported.set(h.id, h);
      this.onHealth(h);
    });
  }
}

/**
 * Applies one press from a pad or keypad; the press id makes it idempotent. Never throws. A key
 * pressed while nobody is signed in makes the keypad beep; `ask-rating` starts a rating on the pad.
 */
export async function applyPress(hub: Hub, press: Press, devices: Pick<DeviceManager, 'startRating' | 'beep'> | undefined): Promise<PressAck> {
  try {
    if (press.kind === 'rating') {
      const r = await hub.rate(press.windowId, press.score, 'pad', press.id);
      return 'duplicate' in r ? { ok: true, duplicate: true } : { ok: true };
    }
    const staffId = hub.signedInAt(press.windowId);
    if (!staffId) {
      void devices?.beep(press.windowId);
      return { ok: false, code: 'not-signed-in', message: `${press.windowId}号窗口无人签到 / nobody is signed in at window ${press.windowId}` };
    }
    if (press.action === 'ask-rating') {
      void devices?.startRating(press.windowId);
      return { ok: true };
    }
    const mapped = keyAction(press.action, hub.state.windows.get(press.windowId)?.status);
    if (!mapped) return { ok: false, code: 'unsupported-key', message: `按键 ${press.action} 需在窗口屏操作 / ${press.action} needs the window console` };
    const duplicate = hub.state.applied.has(press.id);
    await hub.windowAction(press.windowId, mapped.name, staffId, mapped.body, press.id);
    return duplicate ? { ok: true, duplicate: true } : { ok: true };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, message: e.message };
    console.error(`yichuang: ${press.kind} press ${press.id} at window ${press.windowId} failed`, e);
    return { ok: false, code: 'hub-error', message: e instanceof Error ? e.message : String(e), retry: true };
  }
}

/** FF68/HID keys → window actions. Transfer needs a target only the console can give. */
export function keyAction(action: KeyAction, status: string | undefined): { name: WindowActionName; body?: Record<string, unknown> } | undefined {
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

function refuse(next: (err?: Error) => void, code: string, message: string): void {
  const err = new Error(message) as Error & { data: unknown };
  err.data = { code, message };
  next(err);
}
