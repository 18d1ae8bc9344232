import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceHealth, TicketPrintJob } from '../../../devices/contract.js';
import { PrinterDriver } from '../../../devices/drivers/printer.js';
import { hasCut, printedQrPayloads, printedText, type EscPosOp } from '../../../devices/printer/escpos-decode.js';
import { EscPosPrinterSim } from '../../../devices/sim/escpos-printer-sim.js';
import { createLink } from '../../../devices/transport/links.js';
import { ReconnectingTransport } from '../../../devices/transport/reconnecting.js';
import { SerialTransport } from '../../../devices/transport/serial.js';
import { SocketTransport, TcpTransport } from '../../../devices/transport/tcp.js';
import { UsbLpTransport } from '../../../devices/transport/usblp.js';
import { FAST_BACKOFF } from '../support/fast-timing.js';
import { PtyPair } from '../support/pty-pair.js';
import { waitFor } from '../support/wait.js';

const job = (n: number, extra: Partial<TicketPrintJob> = {}): TicketPrintJob => ({
  jobId: `job-${n}`,
  ticketId: `tkt-${n}`,
  centerName: '溧阳市公共法律服务中心',
  number: `C${String(n).padStart(3, '0')}`,
  serviceName: '法律援助',
  serviceNameEn: 'Legal aid',
  ahead: 2,
  estimatedWaitMinutes: 10,
  issuedAt: '2025-03-04T01:05:00.000Z',
  materials: ['身份证', '经济困难证明'],
  url: `https://hall.example/t/tkt-${n}`,
  hotline: '12348',
  ...extra,
});

function expectTicket(ops: EscPosOp[] | undefined, n: number): void {
  expect(ops).toBeDefined();
  const text = printedText(ops as EscPosOp[]);
  expect(text).toContain(`C${String(n).padStart(3, '0')}`);
  expect(text).toContain('法律援助');
  expect(printedQrPayloads(ops as EscPosOp[]).some((p) => p.endsWith(`/t/tkt-${n}`))).toBe(true);
  expect(hasCut(ops as EscPosOp[])).toBe(true);
}

const timing = { pollIntervalMs: 150, statusTimeoutMs: 500 };

describe('serial printer on a pty', () => {
  let pair: PtyPair;
  let simLink: ReconnectingTransport;
  let sim: EscPosPrinterSim;
  let driver: PrinterDriver;
  const healthLog: DeviceHealth[] = [];
  const state = () => driver.health()[0]?.state;

  beforeAll(async () => {
    pair = await PtyPair.start();
    simLink = new ReconnectingTransport(() => new SerialTransport({ path: pair.b, baudRate: 9600 }), FAST_BACKOFF);
    simLink.start();
    sim = new EscPosPrinterSim(simLink);
    driver = new PrinterDriver({
      id: 'printer-k1',
      link: createLink({ transport: 'serial', path: pair.a, baudRate: 9600 }, FAST_BACKOFF),
      onHealth: (h) => healthLog.push(h),
      ...timing,
    });
    driver.start();
    await waitFor('printer ok', () => state() === 'ok');
  });

  afterEach(() => {
    sim.set({ paper: 'ok', coverOpen: false });
    sim.silent = false;
  });

  afterAll(async () => {
    await driver?.close();
    await simLink?.close();
    await pair?.stop();
  });

  it('prints a ticket whose decoded bytes carry the number, the service and the ticket link', async () => {
    expect(await driver.print(job(1))).toBe('queued');
    const jobs = await waitFor('one job', () => (sim.jobs().length === 1 ? sim.jobs() : undefined));
    expectTicket(jobs[0], 1);
    // Status was asked before the job (n=1, then n=4 for paper near end).
    expect(sim.statusQueries.slice(0, 2)).toEqual([1, 4]);
  });

  it('never prints the same job id twice', async () => {
    const before = sim.jobs().length;
    expect(await driver.print(job(1))).toBe('queued');
    const [a, b] = await Promise.all([driver.print(job(2)), driver.print(job(2))]);
    expect([a, b]).toEqual(['queued', 'queued']);
    expect(await driver.print(job(3))).toBe('queued');
    const jobs = await waitFor('two more jobs', () => (sim.jobs().length >= before + 2 ? sim.jobs() : undefined));
    await waitFor('job 3 printed', () => printedText(sim.jobs().at(-1) ?? []).includes('C003'));
    const numbers = sim.jobs().slice(before).map((ops) => printedText(ops).match(/C\d{3}/)?.[0]);
    expect(numbers).toEqual(['C002', 'C003']);
    expect(jobs.length).toBe(before + 2);
  });

  it('reports paper end as paper-out and fails the job without printing it', async () => {
    sim.set({ paper: 'out' });
    await waitFor('paper-out health', () => state() === 'paper-out');
    const before = sim.jobs().length;
    expect(await driver.print(job(10))).toBe('failed');
    expect(healthLog.some((h) => h.state === 'paper-out')).toBe(true);
    // n=1 said offline, so the driver asked n=2 (and n=3) to tell paper end from the rest.
    expect(sim.statusQueries).toContain(2);
    // Once refilled, the same job id may be printed: it was never printed before.
    sim.set({ paper: 'ok' });
    await waitFor('ok again', () => state() === 'ok');
    expect(await driver.print(job(10))).toBe('queued');
    await waitFor('job 10', () => sim.jobs().length === before + 1);
    expectTicket(sim.jobs().at(-1), 10);
  });

  it('tells paper near end, cover open and a silent printer apart', async () => {
    sim.set({ paper: 'low' });
    await waitFor('paper-low', () => state() === 'paper-low');
    expect(await driver.print(job(20))).toBe('queued');
    sim.set({ paper: 'ok', coverOpen: true });
    await waitFor('cover open', () => driver.health()[0]?.detail === 'cover open');
    expect(driver.health()[0]?.state).toBe('error');
    expect(await driver.print(job(21))).toBe('failed');
    sim.set({ coverOpen: false });
    sim.silent = true;
    await waitFor('offline when silent', () => state() === 'offline');
    expect(await driver.print(job(22))).toBe('failed');
  });

  it('goes offline when unplugged and comes back by itself', async () => {
    await pair.unplug();
    await waitFor('offline', () => state() === 'offline');
    // the device side notices too (a pty's hang-up may only show as its node vanishing), as a real device would
    await waitFor('device side down', () => !simLink.isUp);
    expect(await driver.print(job(30))).toBe('failed');
    await pair.plug();
    await waitFor('ok after replug', () => state() === 'ok', 10_000);
    expect(await driver.print(job(31))).toBe('queued');
    await waitFor('job 31', () => printedText(sim.jobs().at(-1) ?? []).includes('C031'));
  });
});

describe('TCP printer (port 9100 style) on 127.0.0.1', () => {
  it('prints through a socket, goes offline when the connection drops and reconnects', async () => {
    const sims: EscPosPrinterSim[] = [];
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      sims.push(new EscPosPrinterSim(new SocketTransport(socket, 'printer side')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const driver = new PrinterDriver({
      id: 'printer-k2',
      link: new ReconnectingTransport(() => new TcpTransport({ host: '127.0.0.1', port }), FAST_BACKOFF),
      onHealth: () => undefined,
      ...timing,
    });
    try {
      driver.start();
      await waitFor('tcp printer ok', () => driver.health()[0]?.state === 'ok');
      expect(await driver.print(job(40))).toBe('queued');
      await waitFor('tcp job', () => sims[0]?.jobs().length === 1);
      expectTicket(sims[0]?.jobs()[0], 40);

      sockets[0]?.destroy();
      await waitFor('offline after drop', () => driver.health()[0]?.state === 'offline');
      await waitFor('reconnected', () => driver.health()[0]?.state === 'ok' && sims.length === 2);
      expect(await driver.print(job(41))).toBe('queued');
      await waitFor('job on the new connection', () => sims[1]?.jobs().length === 1);
      expectTicket(sims[1]?.jobs()[0], 41);
    } finally {
      await driver.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('USB printer class transport', () => {
  it('writes jobs and reads status through a character device (a pty stands in for /dev/usb/lp0)', async () => {
    const pair = await PtyPair.start();
    const simSide = new SerialTransport({ path: pair.b, baudRate: 9600 });
    await simSide.open();
    const sim = new EscPosPrinterSim(simSide);
    const driver = new PrinterDriver({
      id: 'printer-usb',
      link: new ReconnectingTransport(() => new UsbLpTransport({ path: pair.a, readIntervalMs: 10 }), FAST_BACKOFF),
      onHealth: () => undefined,
      ...timing,
    });
    try {
      driver.start();
      await waitFor('usb printer ok', () => driver.health()[0]?.state === 'ok');
      expect(await driver.print(job(50))).toBe('queued');
      await waitFor('usb job', () => sim.jobs().length === 1);
      expectTicket(sim.jobs()[0], 50);
      sim.set({ paper: 'out' });
      await waitFor('paper-out over usblp', () => driver.health()[0]?.state === 'paper-out');
    } finally {
      await driver.close();
      await simSide.close();
      await pair.stop();
    }
  });
});
