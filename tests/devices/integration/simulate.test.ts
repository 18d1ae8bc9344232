// `npm run simulate`: the simulators a technician uses instead of hardware, driving a real hub. Each
// simulator opens its end of a socat pty pair it made itself (`--pair`) or listens on TCP like a
// network printer; the hub's real drivers open the other ends. Commands are the lines a technician types.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSimulateArgs, startSimulation, type Simulation } from '../../../devices/sim/simulate.js';
import { SAMPLE_CARDS } from '../../../devices/sim/sample-cards.js';
import { once, startTestHub, testConfig, type TestHub } from '../../support/hub-harness.js';
import { requireSocat } from '../support/pty-pair.js';
import { waitFor } from '../support/wait.js';

interface Running {
  sim: Simulation;
  out: string[];
  /** Output since the last call. */
  fresh(): string;
}

async function simulate(argv: string[]): Promise<Running> {
  const out: string[] = [];
  let seen = 0;
  const sim = await startSimulation(parseSimulateArgs(argv), (line) => out.push(line));
  return {
    sim,
    out,
    fresh() {
      const text = out.slice(seen).join('\n');
      seen = out.length;
      return text;
    },
  };
}

let reader: Running;
let printer: Running;
let keypad: Running;
let t: TestHub & { cleanup(): Promise<void> };
const state = (id: string) => t.hub.health().devices.find((d) => d.id === id)?.state;

beforeAll(async () => {
  requireSocat();
  [reader, printer, keypad] = await Promise.all([
    simulate(['idcard', '--pair']),
    simulate(['printer', '--tcp', '0']),
    simulate(['keypad', '--pair', '--address', '4']),
  ]);
  const [host, port] = printer.sim.endpoint.split(':') as [string, string];
  const bus = { transport: 'serial', protocol: 'ff68', path: keypad.sim.endpoint, baudRate: 9600, address: 4 } as const;
  t = await startTestHub({
    config: testConfig({
      devices: [
        { id: 'idcard-k1', kind: 'idcard', kiosk: 'K1', transport: 'serial', path: reader.sim.endpoint, baudRate: 115200 },
        { id: 'printer-k1', kind: 'printer', kiosk: 'K1', transport: 'tcp', host, port: Number(port) },
        { id: 'keys-4', kind: 'keypad', window: '4', ...bus },
        { id: 'pad-4', kind: 'rating-pad', window: '4', ...bus },
      ],
    }),
  });
  await waitFor('hub drivers up on the simulators', () => ['idcard-k1', 'printer-k1', 'keys-4', 'pad-4'].every((id) => state(id) === 'ok'), 15_000);
});

afterAll(async () => {
  await t?.cleanup();
  await Promise.allSettled([reader, printer, keypad].map((r) => r?.sim.close()));
});

describe('npm run simulate against a real hub', () => {
  it('idcard: prints the pty path to configure; "insert" reads at the kiosk once, "insert invalid" gives invalid card', async () => {
    expect(reader.out[0]).toContain(`"path": "${reader.sim.endpoint}"`);
    reader.fresh();
    const kiosk = t.socket('/kiosk', { kiosk: 'K1' });
    await once(kiosk, 'printer');
    const read = once<{ cardType: string; age: number; greenEligible: boolean }>(kiosk, 'idcard', 8000);
    expect(await reader.sim.handle('insert resident')).toBe(true);
    expect(await read).toMatchObject({ cardType: 'resident', greenEligible: true });
    await waitFor('read reported', () => reader.out.some((l) => l.includes('the host read the card')));

    await reader.sim.handle('remove');
    await new Promise((r) => setTimeout(r, 1200)); // the driver sees the card go away
    const error = once<{ error: string }>(kiosk, 'idcard-error', 8000);
    await reader.sim.handle('insert invalid');
    expect(await error).toMatchObject({ error: 'invalid card', cardType: 'resident' });
    expect(reader.fresh()).toContain(`card placed: resident ${SAMPLE_CARDS.invalid!.name} (wrong check character)`);

    await reader.sim.handle('insert no-such-card');
    expect(reader.fresh()).toContain('no sample card "no-such-card"');
    await reader.sim.handle('cards');
    expect(reader.fresh()).toContain('foreign-permanent-2023');
  });

  it('printer: each ticket the hub prints appears as readable text; "paper out" makes the next print fail', async () => {
    printer.fresh();
    const issued = await t.issue('legal-aid');
    expect(issued.body.print).toBe('queued');
    await waitFor('ticket shown', () => printer.out.some((l) => l.includes('✂ cut')));
    const text = printer.fresh();
    expect(text).toContain('ticket 1');
    expect(text).toContain(`${issued.body.number}  [×4]`);
    expect(text).toContain('法律援助  [×2]');
    expect(text).toMatch(new RegExp(`\\[QR\\] \\S+/t/${issued.body.id}`));

    await printer.sim.handle('paper out');
    await waitFor('paper-out at the hub', () => state('printer-k1') === 'paper-out');
    expect((await t.issue('legal-aid')).body.print).toBe('failed');
    await printer.sim.handle('paper ok');
    await waitFor('ok again', () => state('printer-k1') === 'ok');
    await printer.sim.handle('paper sideways');
    expect(printer.fresh()).toContain('paper: give ok, low or out');
  });

  it('keypad: keys act as the signed-in staff, the called number shows up, "rate" rates the visit once', async () => {
    keypad.fresh();
    await keypad.sim.handle('call-next'); // nobody signed in at window 4 yet
    await waitFor('error beep', () => keypad.out.some((l) => l.includes('beep')));

    const token = await t.staffAt('fang.jie', '4');
    await new Promise((r) => setTimeout(r, 1100)); // a repeat of the same frame within a second is a resend
    await keypad.sim.handle('call-next');
    await waitFor('called', () => t.hub.state.windows.get('4')?.currentTicketId !== undefined);
    const ticket = t.hub.state.tickets.get(t.hub.state.windows.get('4')!.currentTicketId!)!;
    await waitFor('number displayed', () => keypad.out.some((l) => l.includes(`display: ${ticket.number.slice(-3)}`)));
    expect(keypad.fresh()).toContain('call-next: 主机已确认 / acknowledged');

    expect((await t.api('POST', '/api/v1/windows/4/finish', { token, body: { matter: '法律援助申请', outcome: '已受理' } })).status).toBe(200);
    await keypad.sim.handle('rate 2');
    const rated = async () => (await t.hub.store.readEvents(0, 100_000)).filter((e) => e.type === 'ticket.rated');
    await waitFor('rated', async () => (await rated()).length === 1);
    expect((await rated())[0]!.data).toMatchObject({ ticketId: ticket.id, score: 'satisfied', source: 'pad' });
    await keypad.sim.handle('rate 9');
    expect(keypad.fresh()).toContain('give a key 1–4');
    await keypad.sim.handle('dance');
    expect(keypad.fresh()).toContain('unknown command "dance"');
    expect(await keypad.sim.handle('quit')).toBe(false);
  });
});

describe('simulate command line', () => {
  it('names what is wrong with the arguments', () => {
    expect(() => parseSimulateArgs([])).toThrow(/which device\?[\s\S]*usage: npm run simulate/);
    expect(() => parseSimulateArgs(['scanner', '--pair'])).toThrow(/unknown device "scanner"/);
    expect(() => parseSimulateArgs(['idcard'])).toThrow(/exactly one of --path, --pair, --tcp/);
    expect(() => parseSimulateArgs(['idcard', '--pair', '--path', '/dev/x'])).toThrow(/exactly one/);
    expect(() => parseSimulateArgs(['pad', '--tcp', '9100'])).toThrow(/only a printer listens on TCP/);
    expect(() => parseSimulateArgs(['keypad', '--pair', '--address', '300'])).toThrow(/--address: must be a whole number 0–255/);
    expect(parseSimulateArgs(['keypad', '--path', '/tmp/x', '--address', '4'])).toEqual({ device: 'keypad', path: '/tmp/x', pair: false, tcp: undefined, host: '127.0.0.1', baudRate: 9600, address: 4 });
    expect(parseSimulateArgs(['idcard', '--pair']).baudRate).toBe(115200);
  });

  it('the built entry point (npm run simulate) runs typed commands until "quit", and exits 2 with the usage on bad arguments', async () => {
    const cli = resolve(import.meta.dirname, '../../../dist/devices/sim/cli.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (scripts/test-all.sh does)`);
    const run = (args: string[], input: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => done({ code, stdout, stderr }));
        child.stdin.end(input);
      });
    const bad = await run(['idcard'], '');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('give exactly one of --path, --pair, --tcp');
    expect(bad.stderr).toContain('usage: npm run simulate');

    const ok = await run(['idcard', '--pair'], 'cards\ninsert young\nquit\n');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/"path": "\S+\/device"/);
    expect(ok.stdout).toContain('foreign-permanent-2017');
    expect(ok.stdout).toContain(`card placed: resident ${SAMPLE_CARDS.young!.name}`);
  });
});
