import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../../devices/contract.js';
import { IdCardReaderDriver, type IdentityRead } from '../../../devices/drivers/idcard-reader.js';
import { SamReaderSim } from '../../../devices/sim/sam-reader-sim.js';
import { createLink } from '../../../devices/transport/links.js';
import { ReconnectingTransport } from '../../../devices/transport/reconnecting.js';
import { SerialTransport } from '../../../devices/transport/serial.js';
import { FAST_BACKOFF } from '../support/fast-timing.js';
import { ALL_CARDS, RESIDENT, withWrongCheck } from '../support/identities.js';
import { PtyPair } from '../support/pty-pair.js';
import { waitFor } from '../support/wait.js';

describe('ID-card reader on a pty', () => {
  let pair: PtyPair;
  let simLink: ReconnectingTransport;
  let sim: SamReaderSim;
  let driver: IdCardReaderDriver;
  let reads: IdentityRead[] = [];
  const healthLog: DeviceHealth[] = [];
  const state = () => driver.health()[0]?.state;

  /** Lets the driver run `n` more find-card polls. */
  const polls = async (n: number) => {
    const target = sim.count('findCard') + n;
    await waitFor(`${n} more polls`, () => sim.count('findCard') >= target);
  };

  beforeAll(async () => {
    pair = await PtyPair.start();
    simLink = new ReconnectingTransport(() => new SerialTransport({ path: pair.b, baudRate: 115200 }), FAST_BACKOFF);
    simLink.start();
    sim = new SamReaderSim(simLink);
    driver = new IdCardReaderDriver({
      id: 'idcard-k1',
      link: createLink({ transport: 'serial', path: pair.a, baudRate: 115200 }, FAST_BACKOFF),
      onRead: (r) => reads.push(r),
      onHealth: (h) => healthLog.push(h),
      pollIntervalMs: 30,
      responseTimeoutMs: 500,
    });
    driver.start();
    await waitFor('reader ok', () => state() === 'ok');
  });

  beforeEach(async () => {
    sim.removeCard();
    sim.afterRead = 'still-found';
    await polls(3); // the driver has seen the card go
    reads = [];
  });

  afterAll(async () => {
    await driver?.close();
    await simLink?.close();
    await pair?.stop();
  });

  it('reports nothing while no card is on the reader', async () => {
    await polls(5);
    expect(reads).toEqual([]);
    expect(state()).toBe('ok');
  });

  it('reads a valid card once, even while it stays on the reader', async () => {
    const readsBefore = sim.count('readText');
    sim.placeCard(RESIDENT);
    await waitFor('identity', () => reads.length === 1);
    expect(reads[0]).toEqual({ identity: RESIDENT });
    await polls(8);
    expect(reads).toHaveLength(1);
    expect(sim.count('readText')).toBe(readsBefore + 1);
    // Taken away and placed again: a new placement, a new read.
    sim.removeCard();
    await polls(3);
    sim.placeCard(RESIDENT);
    await waitFor('second identity', () => reads.length === 2);
  });

  it('reads once on a reader that halts the card after reading', async () => {
    sim.afterRead = 'halted';
    sim.placeCard(RESIDENT);
    await waitFor('identity', () => reads.length === 1);
    await polls(8);
    expect(reads).toHaveLength(1);
  });

  it('retries after a reply with a bad checksum and reads the card once', async () => {
    const readsBefore = sim.count('readText');
    sim.inject('readText', 'bad-checksum');
    sim.placeCard(RESIDENT);
    await waitFor('identity', () => reads.length === 1);
    expect(reads[0]).toEqual({ identity: RESIDENT });
    expect(sim.count('readText')).toBe(readsBefore + 2);
  });

  it('reads through garbage between frames', async () => {
    sim.inject('findCard', 'garbage-before', 2);
    sim.inject('selectCard', 'garbage-before');
    sim.inject('readText', 'garbage-before');
    sim.placeCard(RESIDENT);
    await waitFor('identity', () => reads.length === 1);
    expect(reads[0]).toEqual({ identity: RESIDENT });
  });

  it('times out a truncated reply, retries, and reports a read error once when it keeps failing', async () => {
    sim.inject('readText', 'truncate');
    sim.placeCard(RESIDENT);
    await waitFor('identity after one truncated reply', () => reads.length === 1);
    expect(reads[0]).toEqual({ identity: RESIDENT });

    sim.removeCard();
    await polls(3);
    sim.inject('readText', 'truncate', 3);
    sim.placeCard(RESIDENT);
    await waitFor('error', () => reads.length === 2);
    expect(reads[1]).toEqual({ error: 'read failed', reason: 'truncated frame (timeout)' });
    await polls(4);
    expect(reads).toHaveLength(2);
  });

  it('answers "invalid card" for a wrong check digit, never an identity', async () => {
    sim.placeCard({ ...RESIDENT, idNumber: withWrongCheck(RESIDENT.idNumber.slice(0, 17)) });
    await waitFor('error', () => reads.length === 1);
    expect(reads).toEqual([{ error: 'invalid card', cardType: 'resident', reason: 'ID number format or check character' }]);
    await polls(4);
    expect(reads).toHaveLength(1);
  });

  it.each(ALL_CARDS.map((c) => [c.identity.cardType, c] as const))('reads a %s card', async (_type, { identity, extras }) => {
    sim.placeCard(identity, extras);
    await waitFor('identity', () => reads.length === 1);
    expect(reads[0]).toEqual({ identity });
  });

  it('goes offline when unplugged, back to ok when replugged, and reads again', async () => {
    await pair.unplug();
    await waitFor('offline', () => state() === 'offline');
    // the device side notices too (a pty's hang-up may only show as its node vanishing), as a real device would
    await waitFor('device side down', () => !simLink.isUp);
    await pair.plug();
    await waitFor('ok after replug', () => state() === 'ok', 10_000);
    expect(healthLog.map((h) => h.state).slice(-2)).toEqual(['offline', 'ok']);
    sim.placeCard(RESIDENT);
    await waitFor('identity after replug', () => reads.length === 1);
    expect(reads[0]).toEqual({ identity: RESIDENT });
  });

  it('is offline while the reader does not answer', async () => {
    sim.inject('findCard', 'silent', 3);
    await waitFor('offline when silent', () => state() === 'offline');
    expect(driver.health()[0]?.detail).toBe('reader does not answer');
    await waitFor('ok again', () => state() === 'ok');
  });
});
