// Fuzzing the drivers themselves (not only their frame parsers): random bytes from the device side,
// in random chunks, never make a driver throw and never produce an identity, a rating or a key
// action that was not sent as a valid frame. The device is an in-memory transport (a unit test).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceHealth, IdentityRead, KeyAction, RatingScore } from '../../../devices/contract.js';
import { Ff68BusDriver } from '../../../devices/drivers/ff68-bus.js';
import { HidPadDriver } from '../../../devices/drivers/hid-pad.js';
import { IdCardReaderDriver } from '../../../devices/drivers/idcard-reader.js';
import { PrinterDriver } from '../../../devices/drivers/printer.js';
import { encodeSamResponse, SW3 } from '../../../devices/idcard/sam-frame.js';
import { encodeFf68, keypadFrame, ratingFrame } from '../../../devices/pads/ff68.js';
import { ReconnectingTransport } from '../../../devices/transport/reconnecting.js';
import { BaseTransport } from '../../../devices/transport/transport.js';
import { JOB } from '../support/jobs.js';

/** A device at the end of a link: answers each host write with `reply(written)`. */
class MemoryDevice extends BaseTransport {
  readonly label = 'memory';
  constructor(private readonly reply: (written: Uint8Array) => Uint8Array[] = () => []) {
    super();
  }
  async open(): Promise<void> {
    this.markOpen();
  }
  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    const chunks = this.reply(data);
    setImmediate(() => chunks.forEach((c) => this.isOpen && this.received(Buffer.from(c))));
  }
  async close(): Promise<void> {
    this.markClosed();
  }
  send(chunk: Uint8Array): void {
    this.received(Buffer.from(chunk));
  }
}

function linkTo(device: MemoryDevice): Promise<ReconnectingTransport> {
  const link = new ReconnectingTransport(() => device, { initialDelayMs: 5, maxDelayMs: 5 }, 'memory');
  return new Promise((resolve) => {
    link.once('up', () => resolve(link));
    link.start();
  });
}

const noHealth = (_h: DeviceHealth): void => undefined;
const tick = () => new Promise((r) => setImmediate(r));
/** Random bytes cut into random chunks. */
const chunks = fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { maxLength: 12 });

describe('drivers under random device bytes', () => {
  it('FF68 bus: only the keys and ratings sent as valid frames come out, each at most once', async () => {
    await fc.assert(
      fc.asyncProperty(
        chunks,
        fc.array(fc.record({ at: fc.nat(11), pad: fc.boolean(), n: fc.nat(3) }), { maxLength: 4 }),
        async (noise, valid) => {
          const device = new MemoryDevice();
          const keys: KeyAction[] = [];
          const ratings: RatingScore[] = [];
          const bus = new Ff68BusDriver({
            link: await linkTo(device),
            devices: [
              { id: 'k', kind: 'keypad', windowId: '4', address: 4 },
              { id: 'p', kind: 'rating-pad', windowId: '4', address: 4 },
            ],
            onKey: (_w, a) => keys.push(a),
            onRating: (_w, s) => ratings.push(s),
            onHealth: noHealth,
          });
          bus.start();
          const actions: KeyAction[] = ['call-next', 'recall', 'pause', 'transfer'];
          const sent = { keys: [] as KeyAction[], ratings: [] as number[] };
          const stream = [...noise];
          for (const v of valid) {
            const frame = v.pad ? ratingFrame(4, v.n) : keypadFrame(4, actions[v.n]!);
            if (v.pad) sent.ratings.push(v.n);
            else sent.keys.push(actions[v.n]!);
            stream.splice(Math.min(v.at, stream.length), 0, Uint8Array.from(encodeFf68(frame)));
          }
          expect(() => stream.forEach((c) => device.send(c))).not.toThrow();
          await tick();
          await bus.close();
          const scores: RatingScore[] = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied'];
          for (const k of keys) expect(sent.keys).toContain(k);
          for (const r of ratings) expect(sent.ratings.map((n) => scores[n])).toContain(r);
          expect(keys.length).toBeLessThanOrEqual(sent.keys.length);
          expect(ratings.length).toBeLessThanOrEqual(sent.ratings.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ID-card reader: random replies (even after a real "card found") never give an identity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chunks, { minLength: 1, maxLength: 6 }), fc.boolean(), async (replies, cardFound) => {
        let request = 0;
        const device = new MemoryDevice(() => {
          const i = request++;
          // the first request (find card) may get a genuine "card found", the rest random bytes
          if (i === 0 && cardFound) return [encodeSamResponse(SW3.cardFound, new Uint8Array(4))];
          return replies[i % replies.length] ?? [];
        });
        const reads: IdentityRead[] = [];
        const reader = new IdCardReaderDriver({ id: 'r', link: await linkTo(device), onRead: (r) => reads.push(r), onHealth: noHealth, pollIntervalMs: 1, responseTimeoutMs: 3 });
        reader.start();
        await new Promise((r) => setTimeout(r, 40));
        await reader.close();
        expect(reads.filter((r) => 'identity' in r)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('printer: random status answers never throw, give a known state, and a job is queued or failed', async () => {
    const states = new Set(['ok', 'offline', 'paper-out', 'paper-low', 'error']);
    await fc.assert(
      fc.asyncProperty(chunks, async (answers) => {
        let i = 0;
        const device = new MemoryDevice((written) => (written[0] === 0x10 ? [answers[i++ % Math.max(1, answers.length)] ?? new Uint8Array(0)] : []));
        const printer = new PrinterDriver({ id: 'p', link: await linkTo(device), onHealth: noHealth, statusTimeoutMs: 3, pollIntervalMs: 60_000 });
        printer.start();
        const outcome = await printer.print(JOB);
        expect(['queued', 'failed']).toContain(outcome);
        expect(states.has(printer.health()[0]!.state)).toBe(true);
        await printer.close();
      }),
      { numRuns: 60 },
    );
  });

  it('HID pad: random reports only give ratings for keys 1–4 that a report newly presses', async () => {
    const digitUsages = new Set([0x1e, 0x1f, 0x20, 0x21, 0x59, 0x5a, 0x5b, 0x5c]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 0, maxLength: 10 }), { maxLength: 20 }), async (reports) => {
        const ratings: RatingScore[] = [];
        const pad = new HidPadDriver({ id: 'h', windowId: '4', kind: 'rating-pad', link: await linkTo(new MemoryDevice()), onHealth: noHealth, onRating: (_w, s) => ratings.push(s) });
        let pressing = 0;
        for (const r of reports) {
          expect(() => pad.onReport(r)).not.toThrow();
          if (r.length === 8 && [...r.subarray(2)].some((u) => digitUsages.has(u))) pressing++;
        }
        await pad.close();
        expect(ratings.length).toBeLessThanOrEqual(pressing * 4);
        if (pressing === 0) expect(ratings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
