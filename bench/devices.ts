// Bench section `devices`: the device codecs in process (ticket layout, SAM and FF68 frame parsing)
// and two round trips over real ptys from socat with the real serialport bindings: a ticket printed
// with its status check (DLE EOT) at 9600 baud, and a card read (card placed → identity at the hub
// port) with the reader's default polling (400 ms, so about half of it is waiting for the next poll).
// A pty does not emulate the line speed: real 9600-baud wires add ~1 ms per byte (a ticket ~0.7 s).
import { performance } from 'node:perf_hooks';
import type { CardIdentity, IdentityRead } from '../devices/contract.js';
import { IdCardReaderDriver } from '../devices/drivers/idcard-reader.js';
import { PrinterDriver } from '../devices/drivers/printer.js';
import { createSamParser, encodeSamResponse, joinReadData, SW3 } from '../devices/idcard/sam-frame.js';
import { encodeIdText } from '../devices/idcard/id-text.js';
import { createFf68Parser, encodeFf68, keypadFrame, ratingFrame } from '../devices/pads/ff68.js';
import { layoutTicket } from '../devices/printer/ticket-layout.js';
import { EscPosPrinterSim } from '../devices/sim/escpos-printer-sim.js';
import { SAMPLE_CARDS } from '../devices/sim/sample-cards.js';
import { SamReaderSim } from '../devices/sim/sam-reader-sim.js';
import { SocatPair } from '../devices/sim/socat-pair.js';
import { createLink } from '../devices/transport/links.js';
import { SerialTransport } from '../devices/transport/serial.js';
import type { TicketPrintJob } from '../devices/contract.js';
import type { BenchSection } from './sections.js';

const JOB: TicketPrintJob = {
  jobId: 'bench', ticketId: 'tkt_bench', centerName: '溧阳市公共法律服务中心', number: 'C012', serviceName: '法律援助',
  serviceNameEn: 'Legal aid', ahead: 3, estimatedWaitMinutes: 18, issuedAt: '2026-11-23T01:05:00.000Z',
  materials: ['申请人居民身份证或其他有效身份证明', '法律援助申请表（现场可领取）', '经济困难状况说明表（个人诚信承诺）', '与所申请法律援助事项有关的证据材料', '代理人申请的，提交代理权限证明'],
  url: 'http://10.0.0.2:8080/t/tkt_bench', hotline: '12348',
};

function perSecond(run: () => void, minMs = 500): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    run();
    n++;
  }
  return Math.round((n * 1000) / (performance.now() - start));
}

function parseMBps(stream: Uint8Array, parse: (chunk: Uint8Array) => number): { MBps: number; frames: number } {
  let frames = 0;
  const start = performance.now();
  let bytes = 0;
  while (performance.now() - start < 500) {
    for (let i = 0; i < stream.length; i += 512) frames += parse(stream.subarray(i, i + 512));
    bytes += stream.length;
  }
  return { MBps: Math.round((bytes / 1e6 / ((performance.now() - start) / 1000)) * 10) / 10, frames };
}

function percentiles(ms: number[]): { p50: number; p95: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function ptyPrint(rounds: number): Promise<{ p50: number; p95: number; max: number }> {
  const pair = await SocatPair.start();
  const simEnd = new SerialTransport({ path: pair.b, baudRate: 9600 });
  await simEnd.open();
  new EscPosPrinterSim(simEnd);
  const printer = new PrinterDriver({ id: 'p', link: createLink({ transport: 'serial', path: pair.a, baudRate: 9600 }), onHealth: () => undefined, pollIntervalMs: 60_000 });
  printer.start();
  try {
    await waitUntil(() => printer.health()[0]?.state === 'ok');
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const outcome = await printer.print({ ...JOB, jobId: `bench-${i}` });
      if (outcome !== 'queued') throw new Error(`print ${i}: ${outcome}`);
      times.push(performance.now() - t0);
    }
    return percentiles(times);
  } finally {
    await printer.close();
    await simEnd.close();
    await pair.stop();
  }
}

async function ptyCardRead(rounds: number): Promise<{ p50: number; p95: number; max: number }> {
  const pair = await SocatPair.start();
  const simEnd = new SerialTransport({ path: pair.b, baudRate: 115200 });
  await simEnd.open();
  const sim = new SamReaderSim(simEnd);
  let onRead: (read: IdentityRead) => void = () => undefined;
  const reader = new IdCardReaderDriver({ id: 'r', link: createLink({ transport: 'serial', path: pair.a, baudRate: 115200 }), onRead: (r) => onRead(r), onHealth: () => undefined });
  reader.start();
  try {
    await waitUntil(() => reader.health()[0]?.state === 'ok');
    const times: number[] = [];
    const card = SAMPLE_CARDS.resident as CardIdentity;
    for (let i = 0; i < rounds; i++) {
      const read = new Promise<IdentityRead>((resolve) => (onRead = resolve));
      const t0 = performance.now();
      sim.placeCard(card);
      if (!('identity' in (await read))) throw new Error('card read failed');
      times.push(performance.now() - t0);
      sim.removeCard();
      await new Promise((r) => setTimeout(r, 1000)); // the reader sees the card go away
    }
    return percentiles(times);
  } finally {
    await reader.close();
    await simEnd.close();
    await pair.stop();
  }
}

async function waitUntil(ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('device did not come up');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const devicesBench: BenchSection = async () => {
  const ticketBytes = layoutTicket(JOB).length;
  const layoutPerSec = perSecond(() => layoutTicket(JOB));

  const readReply = encodeSamResponse(SW3.ok, joinReadData(encodeIdText(SAMPLE_CARDS.resident as CardIdentity)));
  const noise = Uint8Array.of(0x00, 0xaa, 0x13, 0xaa, 0xaa, 0x96);
  const samStream = Buffer.concat(Array.from({ length: 200 }, () => [noise, readReply]).flat());
  const sam = createSamParser();
  const samParse = parseMBps(samStream, (c) => sam.push(c, 0).filter((e) => e.kind === 'frame').length);

  const ff68Stream = Buffer.concat(Array.from({ length: 5000 }, (_, i) => encodeFf68(i % 2 ? keypadFrame(i % 8, 'call-next') : ratingFrame(i % 8, i % 4))));
  const ff68 = createFf68Parser();
  const ff68Parse = parseMBps(ff68Stream, (c) => ff68.push(c, 0).filter((e) => e.kind === 'frame').length);

  return {
    ticketBytes,
    ticketLayoutsPerSec: layoutPerSec,
    samParseMBps: samParse.MBps,
    ff68ParseMBps: ff68Parse.MBps,
    ptyPrintWithStatusMs: await ptyPrint(20),
    ptyCardReadMs: await ptyCardRead(8),
  };
};
