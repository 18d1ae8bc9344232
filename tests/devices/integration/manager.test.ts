import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceManager, type LocalDeviceManager } from '../../../devices/manager.js';
import { printedQrPayloads, printedText } from '../../../devices/printer/escpos-decode.js';
import { EscPosPrinterSim } from '../../../devices/sim/escpos-printer-sim.js';
import { Ff68BusSim } from '../../../devices/sim/ff68-sim.js';
import { SamReaderSim } from '../../../devices/sim/sam-reader-sim.js';
import { SerialTransport } from '../../../devices/transport/serial.js';
import { FAST_BACKOFF } from '../support/fast-timing.js';
import { RESIDENT } from '../support/identities.js';
import { JOB } from '../support/jobs.js';
import { PtyPair } from '../support/pty-pair.js';
import { RecordingHub } from '../support/recording-hub.js';
import { waitFor } from '../support/wait.js';

describe('device manager with real drivers on ptys', () => {
  const pairs: PtyPair[] = [];
  const simSides: SerialTransport[] = [];
  const hub = new RecordingHub();
  let manager: LocalDeviceManager;
  let printer: EscPosPrinterSim;
  let reader: SamReaderSim;
  let bus: Ff68BusSim;

  const simOn = async (pair: PtyPair): Promise<SerialTransport> => {
    const side = new SerialTransport({ path: pair.b, baudRate: 9600 });
    await side.open();
    simSides.push(side);
    return side;
  };

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) pairs.push(await PtyPair.start());
    const [printerPty, readerPty, busPty] = pairs as [PtyPair, PtyPair, PtyPair];
    printer = new EscPosPrinterSim(await simOn(printerPty));
    reader = new SamReaderSim(await simOn(readerPty));
    bus = new Ff68BusSim(await simOn(busPty));
    manager = createDeviceManager({
      hub,
      kiosks: ['K1', 'K2'],
      windows: ['4', '5'],
      devices: [
        { id: 'printer-k1', kind: 'printer', kiosk: 'K1', transport: 'serial', path: printerPty.a, baudRate: 9600 },
        { id: 'idcard-k1', kind: 'idcard', kiosk: 'K1', transport: 'serial', path: readerPty.a },
        { id: 'pad-4', kind: 'rating-pad', window: '4', transport: 'serial', protocol: 'ff68', address: 4, path: busPty.a },
        { id: 'keys-4', kind: 'keypad', window: '4', transport: 'serial', protocol: 'ff68', address: 4, path: busPty.a },
      ],
      timing: { backoff: FAST_BACKOFF, printerPollMs: 200, printerStatusTimeoutMs: 500, idcardPollMs: 30, idcardResponseTimeoutMs: 500 },
    });
    await waitFor('real devices ok', () => manager.health().filter((h) => h.state === 'ok').length === 4);
  });

  afterAll(async () => {
    await manager?.close();
    for (const s of simSides) await s.close();
    for (const p of pairs) await p.stop();
  });

  it('reports real devices in configuration order, then simulated ones for what is missing', () => {
    expect(manager.health().map((h) => `${h.id} ${h.state}`)).toEqual([
      'printer-k1 ok',
      'idcard-k1 ok',
      'pad-4 ok',
      'keys-4 ok',
      'sim-printer-K2 simulated',
      'sim-idcard-K2 simulated',
      'sim-pad-5 simulated',
      'sim-keys-5 simulated',
    ]);
    expect(hub.healths.filter((h) => h.state === 'ok').map((h) => h.id).sort()).toEqual(['idcard-k1', 'keys-4', 'pad-4', 'printer-k1']);
  });

  it('prints on the kiosk printer, or the simulated one of a kiosk without a printer', async () => {
    expect(await manager.print('K1', JOB)).toBe('queued');
    await waitFor('job on the serial printer', () => printer.jobs().length === 1);
    const ops = printer.jobs()[0] ?? [];
    expect(printedText(ops)).toContain(JOB.number);
    expect(printedQrPayloads(ops)).toEqual([JOB.url]);
    expect(await manager.print('K2', JOB)).toBe('queued');
    expect(manager.simulatedPrinter('K2')?.jobs).toHaveLength(1);
  });

  it('sends a card read to the hub as the identity of that kiosk', async () => {
    reader.placeCard(RESIDENT);
    await waitFor('identity', () => hub.identities.length === 1);
    expect(hub.identities[0]).toEqual({ kioskId: 'K1', read: { identity: RESIDENT } });
  });

  it('routes keypad and pad of one address on a shared bus to the window', async () => {
    expect(await bus.press(4, 'call-next')).toBe(1);
    expect(await bus.rate(4, 1)).toBe(1);
    await waitFor('key and rating', () => hub.keys.length === 1 && hub.ratings.length === 1);
    expect(hub.keys).toEqual(['4 call-next keys-4']);
    expect(hub.ratings).toEqual(['4 satisfied pad-4']);
    expect(await manager.showNumber('4', 'C012')).toBe(true);
    expect(await manager.showNumber('5', 'C012')).toBe(false);
  });
});
