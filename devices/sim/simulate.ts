// `npm run simulate -- <idcard|printer|pad|keypad> …`: a device without the hardware, for a technician
// exercising a hub or an agent. It opens the other end of a socat pty pair (`--path`, or `--pair` to
// make one) or, for a printer, listens on a TCP port like a port-9100 network printer, and then
// behaves like the device at byte level; typed commands place cards, press keys, run out of paper.
// This module is the simulator itself (testable with any input/output); cli.ts is the entry point.

import net from 'node:net';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CardIdentity, KeyAction } from '../contract.js';
import { decodeEscPos, splitJobs } from '../printer/escpos-decode.js';
import { printedLines, renderPlain } from '../printer/printed-lines.js';
import { HEALTHY_PRINTER, type PrinterCondition } from '../printer/status.js';
import { FF68_FUNC, type Ff68Frame } from '../pads/ff68.js';
import { SerialTransport } from '../transport/serial.js';
import { SocketTransport } from '../transport/tcp.js';
import type { Transport } from '../transport/transport.js';
import { EscPosPrinterSim } from './escpos-printer-sim.js';
import { Ff68BusSim } from './ff68-sim.js';
import { SAMPLE_CARDS } from './sample-cards.js';
import { SamReaderSim, type SamFault } from './sam-reader-sim.js';
import { SocatPair } from './socat-pair.js';

export const SIM_DEVICES = ['idcard', 'printer', 'pad', 'keypad'] as const;
export type SimDevice = (typeof SIM_DEVICES)[number];

export interface SimulateArgs {
  device: SimDevice;
  /** The simulator's end of a pty pair (the hub or agent opens the other end). */
  path?: string;
  /** Make a socat pty pair and print the path the hub or agent should open. */
  pair: boolean;
  /** Printer only: listen on this TCP port like a network printer. */
  tcp?: number;
  host: string;
  baudRate: number;
  /** FF68 bus address of the pad or keypad. */
  address: number;
}

export const SIMULATE_USAGE = `usage: npm run simulate -- <idcard|printer|pad|keypad> (--path <tty> | --pair | --tcp <port>) [options]
  --path <tty>     open this end of a socat pty pair; the hub or agent opens the other end
  --pair           make a socat pty pair and print the path to put in the hub or agent configuration
  --tcp <port>     printer only: listen on this TCP port like a network printer (9100)
  --host <addr>    with --tcp, the address to listen on (default 127.0.0.1)
  --baud <rate>    serial speed (default: idcard 115200, others 9600)
  --address <n>    pad/keypad: FF68 bus address 0–255 (default 1)
Type "help" once it runs for the commands of that device.`;

export class SimulateUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${SIMULATE_USAGE}`);
    this.name = 'SimulateUsageError';
  }
}

/** The command line of `npm run simulate`; throws SimulateUsageError naming the problem. */
export function parseSimulateArgs(argv: string[]): SimulateArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        path: { type: 'string' }, pair: { type: 'boolean' }, tcp: { type: 'string' }, host: { type: 'string' },
        baud: { type: 'string' }, address: { type: 'string' },
      },
    });
  } catch (e) {
    throw new SimulateUsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const device = positionals[0];
  if (!device || !(SIM_DEVICES as readonly string[]).includes(device)) throw new SimulateUsageError(device ? `unknown device "${device}"` : 'which device?');
  if (positionals.length > 1) throw new SimulateUsageError(`unexpected "${positionals[1]}"`);
  const endpoints = [values.path !== undefined, values.pair === true, values.tcp !== undefined].filter(Boolean).length;
  if (endpoints !== 1) throw new SimulateUsageError('give exactly one of --path, --pair, --tcp');
  if (values.tcp !== undefined && device !== 'printer') throw new SimulateUsageError('--tcp: only a printer listens on TCP');
  const int = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new SimulateUsageError(`--${name}: must be a whole number ${min}–${max}`);
    return n;
  };
  return {
    device: device as SimDevice,
    path: values.path,
    pair: values.pair === true,
    tcp: int('tcp', values.tcp, 0, 65535), // 0: any free port (printed)
    host: values.host ?? '127.0.0.1',
    baudRate: int('baud', values.baud, 50, 4_000_000) ?? (device === 'idcard' ? 115200 : 9600),
    address: int('address', values.address, 0, 255) ?? 1,
  };
}

export interface Simulation {
  /** Where the hub or agent connects: a tty path or host:port. */
  readonly endpoint: string;
  /** Runs one typed command; false once the simulator should stop ("quit"). Never throws. */
  handle(line: string): Promise<boolean>;
  /** Settles when the link ends by itself (the pty pair went away). */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

type Out = (line: string) => void;
type Commands = Record<string, { help: string; run: (args: string[]) => Promise<void> | void }>;

/** Starts a simulated device; `out` receives every line it prints. */
export async function startSimulation(args: SimulateArgs, out: Out): Promise<Simulation> {
  if (args.tcp !== undefined) return startTcpPrinter(args, out);
  const pair = args.pair ? await SocatPair.start(['device', 'sim']) : undefined;
  const path = pair?.b ?? (args.path as string);
  const link = new SerialTransport({ path, baudRate: args.baudRate });
  try {
    await link.open();
  } catch (e) {
    await pair?.stop();
    throw new Error(`cannot open ${path}: ${(e as Error).message}`);
  }
  const endpoint = pair?.a ?? path;
  if (pair) out(`pty 已就绪 / pty ready: put  "path": "${pair.a}"  in the ${args.device} device of the hub or agent configuration`);
  out(`${DEVICE_NAMES[args.device]} on ${path} (${args.baudRate} baud)${args.device === 'pad' || args.device === 'keypad' ? `, address ${args.address}` : ''}; type "help"`);

  const ended = new Promise<void>((resolve) => link.on('close', (err) => {
    out(`链路已断开 / link closed${err ? `: ${err.message}` : ''}`);
    resolve();
  }));
  const commands = deviceCommands(args, link, out);
  return {
    endpoint,
    ended,
    handle: (line) => runCommand(commands, line, out),
    async close() {
      await link.close();
      await pair?.stop();
    },
  };
}

const DEVICE_NAMES: Record<SimDevice, string> = {
  idcard: '模拟身份证阅读器 / simulated ID-card reader',
  printer: '模拟小票打印机 / simulated ticket printer',
  pad: '模拟评价器 / simulated rating pad',
  keypad: '模拟呼叫器 / simulated call keypad',
};

function deviceCommands(args: SimulateArgs, link: Transport, out: Out): Commands {
  switch (args.device) {
    case 'idcard':
      return idcardCommands(new SamReaderSim(link), out);
    case 'printer': {
      const condition: PrinterCondition = { ...HEALTHY_PRINTER };
      const printer = attachPrinter(link, condition, out);
      return printerCommands(condition, (silent) => (printer.silent = silent), out);
    }
    case 'pad':
    case 'keypad':
      return busCommands(args.device, args.address, new Ff68BusSim(link, { ackTimeoutMs: 300, maxSends: 3 }), out);
  }
}

async function runCommand(commands: Commands, line: string, out: Out): Promise<boolean> {
  const [name, ...rest] = line.trim().split(/\s+/);
  if (!name || name.startsWith('#')) return true;
  if (name === 'quit' || name === 'exit') return false;
  if (name === 'help') {
    for (const [n, c] of Object.entries(commands)) out(`  ${n.padEnd(14)} ${c.help}`);
    out(`  ${'wait <ms>'.padEnd(14)} pause (for scripts)`);
    out(`  ${'quit'.padEnd(14)} stop the simulator`);
    return true;
  }
  if (name === 'wait') {
    const ms = Number(rest[0]);
    if (!Number.isFinite(ms) || ms < 0) out('wait: give milliseconds, e.g. wait 1000');
    else await new Promise((r) => setTimeout(r, Math.min(ms, 600_000)));
    return true;
  }
  const command = commands[name];
  if (!command) {
    out(`未知命令 / unknown command "${name}": type "help"`);
    return true;
  }
  try {
    await command.run(rest);
  } catch (e) {
    out(`${name}: ${(e as Error).message}`);
  }
  return true;
}

// ---- ID-card reader ---------------------------------------------------------------------------

const FAULTS: Record<string, SamFault> = { 'bad-checksum': 'bad-checksum', truncate: 'truncate', garbage: 'garbage-before', silent: 'silent' };

function idcardCommands(reader: SamReaderSim, out: Out): Commands {
  reader.onCardRead = () => out('主机已读卡 / the host read the card');
  return {
    insert: {
      help: `insert <${Object.keys(SAMPLE_CARDS).join('|')}|card.json>: place a card on the reader`,
      run([which = 'resident']) {
        const card = SAMPLE_CARDS[which] ?? readCardFile(which);
        reader.placeCard(card);
        out(`卡已放上 / card placed: ${card.cardType} ${card.name}${which === 'invalid' ? ' (wrong check character)' : ''}`);
      },
    },
    remove: {
      help: 'take the card away',
      run() {
        reader.removeCard();
        out('卡已取走 / card removed');
      },
    },
    fault: {
      help: `fault <${Object.keys(FAULTS).join('|')}> [n]: spoil the next n read replies`,
      run([kind = '', times = '1']) {
        const fault = FAULTS[kind];
        const n = Number(times);
        if (!fault || !Number.isInteger(n) || n < 1) throw new Error(`give one of ${Object.keys(FAULTS).join(', ')} and a count ≥ 1`);
        reader.inject('readText', fault, n);
        out(`next ${n} read repl${n === 1 ? 'y' : 'ies'}: ${kind}`);
      },
    },
    cards: {
      help: 'list the sample cards',
      run() {
        for (const [k, c] of Object.entries(SAMPLE_CARDS)) out(`  ${k.padEnd(13)} ${c.cardType.padEnd(24)} ${c.name} ${c.birthDate}`);
      },
    },
  };
}

/** A card from a JSON file shaped like CardIdentity (the reader checks it as it would a real card). */
function readCardFile(file: string): CardIdentity {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`no sample card "${file}", and not a readable JSON file (${(e as Error).message})`);
  }
  const c = raw as Partial<CardIdentity>;
  if (typeof c !== 'object' || c === null || typeof c.name !== 'string' || typeof c.idNumber !== 'string' || typeof c.birthDate !== 'string') {
    throw new Error(`${file}: needs at least name, idNumber and birthDate`);
  }
  return { cardType: 'resident', gender: 'unknown', ...c } as CardIdentity;
}

// ---- printer ----------------------------------------------------------------------------------

/** Prints every completed job (ending with a cut) as readable text. */
function attachPrinter(link: Transport, condition: PrinterCondition, out: Out): EscPosPrinterSim {
  const printer = new EscPosPrinterSim(link);
  printer.condition = condition; // shared by reference with the commands (and every TCP connection)
  let shown = 0;
  link.on('data', () => {
    const jobs = splitJobs(decodeEscPos(printer.received));
    for (; shown < jobs.length; shown++) {
      out(`──── 小票 / ticket ${shown + 1} ────`);
      for (const row of renderPlain(printedLines(jobs[shown] ?? [])).split('\n')) out(row);
    }
  });
  return printer;
}

function printerCommands(condition: PrinterCondition, setSilent: (silent: boolean) => void, out: Out): Commands {
  const report = (): void =>
    out(`paper ${condition.paper}, cover ${condition.coverOpen ? 'open' : 'closed'}${condition.offline ? ', offline' : ''}${condition.cutterError ? ', cutter error' : ''}`);
  return {
    paper: {
      help: 'paper <ok|low|out>: paper roll state (answered to DLE EOT)',
      run([state = '']) {
        if (state !== 'ok' && state !== 'low' && state !== 'out') throw new Error('give ok, low or out');
        condition.paper = state;
        report();
      },
    },
    cover: {
      help: 'cover <open|closed>',
      run([state = '']) {
        if (state !== 'open' && state !== 'closed') throw new Error('give open or closed');
        condition.coverOpen = state === 'open';
        report();
      },
    },
    cutter: {
      help: 'cutter <error|ok>',
      run([state = '']) {
        if (state !== 'error' && state !== 'ok') throw new Error('give error or ok');
        condition.cutterError = state === 'error';
        report();
      },
    },
    offline: { help: 'report offline (e.g. feed button held)', run: () => ((condition.offline = true), report()) },
    online: { help: 'report online again', run: () => ((condition.offline = false), report()) },
    off: { help: 'answer nothing, like a printer switched off behind a live adapter', run: () => (setSilent(true), out('printer silent')) },
    on: { help: 'answer again', run: () => (setSilent(false), out('printer answering')) },
    status: { help: 'show the simulated condition', run: report },
  };
}

async function startTcpPrinter(args: SimulateArgs, out: Out): Promise<Simulation> {
  const condition: PrinterCondition = { ...HEALTHY_PRINTER };
  const printers = new Map<SocketTransport, EscPosPrinterSim>();
  let silent = false;
  const server = net.createServer((socket) => {
    const link = new SocketTransport(socket, `tcp ${socket.remoteAddress}:${socket.remotePort}`);
    const printer = attachPrinter(link, condition, out);
    printer.silent = silent;
    printers.set(link, printer);
    out(`已连接 / connected: ${link.label}`);
    link.on('close', () => {
      printers.delete(link);
      out(`已断开 / disconnected: ${link.label}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.tcp, args.host, () => resolve());
  });
  const { address, port } = server.address() as net.AddressInfo;
  const endpoint = `${address}:${port}`;
  out(`${DEVICE_NAMES.printer} listening on ${endpoint}; type "help"`);
  const commands = printerCommands(condition, (s) => {
    silent = s;
    for (const p of printers.values()) p.silent = s;
  }, out);
  let closed: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (closed = resolve));
  return {
    endpoint,
    ended,
    handle: (line) => runCommand(commands, line, out),
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...printers.keys()].map((link) => link.close()));
      await stopped;
      closed();
    },
  };
}

// ---- FF68 pads and keypads --------------------------------------------------------------------

const KEY_ACTIONS: readonly KeyAction[] = ['call-next', 'recall', 'ask-rating', 'pause', 'transfer', 'abandon', 'call-back'];

/** What a frame from the host asks of the keypad, in words. */
export function describeHostFrame(frame: Ff68Frame): string {
  if (frame.func === FF68_FUNC.showNumber) return `显示 / display: ${[...frame.data.slice(3)].join('')}`;
  if (frame.func === FF68_FUNC.beep) return '蜂鸣 / beep (error)';
  if (frame.func === FF68_FUNC.keypad && frame.data.at(-1) === 0x0b) return '请评价 / start rating';
  return `frame func 0x${frame.func.toString(16).padStart(2, '0')} data ${Buffer.from(frame.data).toString('hex')}`;
}

function busCommands(kind: 'pad' | 'keypad', address: number, bus: Ff68BusSim, out: Out): Commands {
  bus.onHostFrame = (frame) => {
    if (frame.address === address) out(`主机 / host → ${describeHostFrame(frame)}`);
  };
  const acked = (what: string, sends: number): void =>
    out(sends > 0 ? `${what}: 主机已确认 / acknowledged${sends > 1 ? ` after ${sends} sends` : ''}` : `${what}: 主机无应答 / no echo from the host`);
  const rate: Commands[string] = {
    help: 'rate <1-4>: press rating key 1–4 (the hub maps keys to levels; default 1 very satisfied … 4 dissatisfied)',
    async run([key = '']) {
      const n = Number(key);
      if (!Number.isInteger(n) || n < 1 || n > 4) throw new Error('give a key 1–4');
      acked(`rating key ${n}`, await bus.rate(address, n - 1));
    },
  };
  if (kind === 'pad') return { rate, ...Object.fromEntries(['1', '2', '3', '4'].map((k) => [k, { help: `same as rate ${k}`, run: () => rate.run([k]) }])) };
  const keys: Commands = Object.fromEntries(
    KEY_ACTIONS.map((action) => [action, { help: `press ${action}`, run: async () => acked(action, await bus.press(address, action)) }]),
  );
  return { ...keys, rate: { ...rate, help: `${rate.help}, on the pad of a combined unit at the same address` } };
}
