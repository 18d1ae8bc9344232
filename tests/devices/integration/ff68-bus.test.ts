import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Ff68BusDriver } from '../../../devices/drivers/ff68-bus.js';
import { FF68_FUNC } from '../../../devices/pads/ff68.js';
import { Ff68BusSim } from '../../../devices/sim/ff68-sim.js';
import { createLink } from '../../../devices/transport/links.js';
import { SerialTransport } from '../../../devices/transport/serial.js';
import { FAST_BACKOFF } from '../support/fast-timing.js';
import { PtyPair } from '../support/pty-pair.js';
import { sleep, waitFor } from '../support/wait.js';

describe('FF68 bus on a pty: keypads and rating pads told apart by address and FUNC', () => {
  let pair: PtyPair;
  let simSide: SerialTransport;
  let sim: Ff68BusSim;
  let driver: Ff68BusDriver;
  let events: string[] = [];

  beforeAll(async () => {
    pair = await PtyPair.start();
    simSide = new SerialTransport({ path: pair.b, baudRate: 9600 });
    await simSide.open();
    sim = new Ff68BusSim(simSide, { ackTimeoutMs: 400 });
    driver = new Ff68BusDriver({
      link: createLink({ transport: 'serial', path: pair.a, baudRate: 9600 }, FAST_BACKOFF),
      devices: [
        { id: 'keys-4', kind: 'keypad', windowId: '4', address: 4 },
        { id: 'pad-4', kind: 'rating-pad', windowId: '4', address: 4 },
        { id: 'pad-5', kind: 'rating-pad', windowId: '5', address: 5, ratingMap: ['dissatisfied', 'basic', 'satisfied', 'very-satisfied'] },
        { id: 'keys-6', kind: 'keypad', windowId: '6', address: 6 },
      ],
      onKey: (w, a, d) => events.push(`key ${w} ${a} ${d}`),
      onRating: (w, s, d) => events.push(`rating ${w} ${s} ${d}`),
      onHealth: () => undefined,
      ackTimeoutMs: 300,
    });
    driver.start();
    await waitFor('bus up', () => driver.health().every((h) => h.state === 'ok'));
  });

  beforeEach(() => {
    events = [];
    sim.echoHost = true;
  });

  afterAll(async () => {
    await driver?.close();
    await simSide?.close();
    await pair?.stop();
  });

  it('delivers key and rating events once each, acknowledging each frame by its echo', async () => {
    expect(await sim.press(4, 'call-next')).toBe(1);
    expect(await sim.rate(4, 0)).toBe(1);
    expect(await sim.rate(5, 0)).toBe(1); // checksum byte of this frame is 16, the end byte
    expect(await sim.press(6, 'abandon')).toBe(1);
    expect(await sim.press(6, 'call-back')).toBe(1);
    await waitFor('five events', () => events.length === 5);
    expect(events).toEqual([
      'key 4 call-next keys-4',
      'rating 4 very-satisfied pad-4',
      'rating 5 dissatisfied pad-5',
      'key 6 abandon keys-6',
      'key 6 call-back keys-6',
    ]);
  });

  it('counts a frame the device resent (its echo was lost) once', async () => {
    sim.ignoreEchoes = 1;
    expect(await sim.press(4, 'recall')).toBe(2);
    await sleep(100);
    expect(events).toEqual(['key 4 recall keys-4']);
  });

  it('acknowledges but ignores devices that are not configured', async () => {
    expect(await sim.press(9, 'call-next')).toBe(1);
    expect(await sim.rate(6, 1)).toBe(1); // address 6 has a keypad but no pad
    await sleep(100);
    expect(events).toEqual([]);
  });

  it('skips noise on the line', async () => {
    await simSide.write(Uint8Array.of(0x00, 0xff, 0xff, 0x68, 0x02, 0x05, 0x16, 0x42));
    expect(await sim.press(4, 'pause')).toBe(1);
    await waitFor('pause', () => events.length === 1);
    expect(events).toEqual(['key 4 pause keys-4']);
  });

  it('sends show-number, beep and start-rating, acknowledged by the device echo, without mistaking echoes for presses', async () => {
    expect(await driver.showNumber(4, 'C012')).toBe(true);
    expect(await driver.beep(4)).toBe(true);
    expect(await driver.startRating(4)).toBe(true);
    const shown = sim.fromHost.find((f) => f.func === FF68_FUNC.showNumber);
    expect(Array.from(shown?.data ?? [])).toEqual([0x0a, 0x0a, 0x0a, 0, 1, 2]);
    await sleep(100);
    expect(events).toEqual([]);
    sim.echoHost = false;
    expect(await driver.beep(4)).toBe(false);
  });

  it('is offline when the bus is unplugged and ok again when replugged', async () => {
    await pair.unplug();
    await waitFor('offline', () => driver.health().every((h) => h.state === 'offline'));
    await pair.plug();
    await waitFor('ok', () => driver.health().every((h) => h.state === 'ok'), 10_000);
    // The simulator's end went away too: give it a new one.
    await simSide.close();
    simSide = new SerialTransport({ path: pair.b, baudRate: 9600 });
    await simSide.open();
    sim = new Ff68BusSim(simSide, { ackTimeoutMs: 400 });
    expect(await sim.press(4, 'transfer')).toBe(1);
    await waitFor('transfer', () => events.length === 1);
    expect(events).toEqual(['key 4 transfer keys-4']);
  });
});
