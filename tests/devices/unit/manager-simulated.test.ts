import { afterEach, describe, expect, it } from 'vitest';
import { DeviceConfigError } from '../../../devices/config.js';
import type { HubPort } from '../../../devices/contract.js';
import { createDeviceManager, type LocalDeviceManager } from '../../../devices/manager.js';
import { RESIDENT, withWrongCheck } from '../support/identities.js';
import { RecordingHub } from '../support/recording-hub.js';
import { JOB } from '../support/jobs.js';

describe('device manager with simulated devices only', () => {
  let manager: LocalDeviceManager | undefined;
  afterEach(async () => manager?.close());

  it('gives every kiosk a simulated printer that records decoded jobs and never prints a job twice', async () => {
    const hub = new RecordingHub();
    manager = createDeviceManager({ hub, kiosks: ['K1', 'K2'], windows: ['4'] });
    expect(await manager.print('K1', JOB)).toBe('queued');
    expect(await manager.print('K1', JOB)).toBe('queued');
    const printer = manager.simulatedPrinter('K1');
    expect(printer?.jobs).toHaveLength(1);
    expect(printer?.jobs[0]?.text).toContain('C012');
    expect(printer?.jobs[0]?.qr).toEqual([JOB.url]);
    expect(manager.simulatedPrinter('K2')?.jobs).toHaveLength(0);
    expect(await manager.print('K9', JOB)).toBe('none');
  });

  it('previews what a simulated printer printed, by device id, keeping only the last 20 jobs', async () => {
    manager = createDeviceManager({ hub: new RecordingHub(), kiosks: ['K1'] });
    expect(manager.printPreview('sim-printer-K1')).toEqual([]);
    for (let i = 1; i <= 22; i++) await manager.print('K1', { ...JOB, jobId: `job-${i}`, number: `C${String(i).padStart(3, '0')}` });
    const preview = manager.printPreview('sim-printer-K1')!;
    expect(preview.map((t) => t.number)).toEqual(Array.from({ length: 20 }, (_, i) => `C${String(i + 3).padStart(3, '0')}`));
    expect(preview.at(-1)).toMatchObject({ jobId: 'job-22', ticketId: JOB.ticketId, reprint: false, printedAt: expect.any(String) });
    expect(preview.at(-1)!.lines).toContainEqual({ kind: 'text', text: 'C022', width: 4, height: 4, align: 'center' });
    expect(preview.at(-1)!.lines).toContainEqual({ kind: 'qr', data: JOB.url });
    expect(manager.printPreview('sim-idcard-K1')).toBeUndefined();
    expect(manager.printPreview('nope')).toBeUndefined();
  });

  it('fails jobs on a simulated printer set to paper-out and tells the hub', async () => {
    const hub = new RecordingHub();
    manager = createDeviceManager({ hub, kiosks: ['K1'] });
    manager.simulatedPrinter('K1')?.setState('paper-out', 'paper end');
    expect(hub.healths).toEqual([{ id: 'sim-printer-K1', kind: 'printer', state: 'paper-out', detail: 'paper end' }]);
    expect(await manager.print('K1', JOB)).toBe('failed');
    manager.simulatedPrinter('K1')?.setState('simulated');
    expect(await manager.print('K1', JOB)).toBe('queued');
  });

  it('passes simulated cards through the real text block parser', () => {
    const hub = new RecordingHub();
    manager = createDeviceManager({ hub, kiosks: ['K1'] });
    expect(manager.simulateCard('K1', RESIDENT)).toEqual({ identity: RESIDENT });
    manager.simulateCard('K1', { ...RESIDENT, idNumber: withWrongCheck(RESIDENT.idNumber.slice(0, 17)) });
    expect(hub.identities).toEqual([
      { kioskId: 'K1', read: { identity: RESIDENT } },
      { kioskId: 'K1', read: { error: 'invalid card', cardType: 'resident', reason: 'ID number format or check character' } },
    ]);
    expect(manager.simulateCard('K7', RESIDENT)).toBeUndefined();
  });

  it('forwards simulated pad and keypad presses and lists simulated health', () => {
    const hub = new RecordingHub();
    manager = createDeviceManager({ hub, kiosks: ['K1'], windows: ['4'] });
    expect(manager.simulateRating('4', 'basic')).toBe(true);
    expect(manager.simulateKey('4', 'call-next')).toBe(true);
    expect(manager.simulateRating('5', 'basic')).toBe(false);
    expect(hub.ratings).toEqual(['4 basic sim-pad-4']);
    expect(hub.keys).toEqual(['4 call-next sim-keys-4']);
    expect(manager.health().map((h) => `${h.id} ${h.state}`)).toEqual([
      'sim-printer-K1 simulated',
      'sim-idcard-K1 simulated',
      'sim-pad-4 simulated',
      'sim-keys-4 simulated',
    ]);
  });

  it('prints "none" when simulation is off and the kiosk has no printer', async () => {
    manager = createDeviceManager({ hub: new RecordingHub(), kiosks: ['K1'], simulateMissing: false });
    expect(await manager.print('K1', JOB)).toBe('none');
    expect(manager.health()).toEqual([]);
  });

  it('refuses an invalid configuration before starting anything', () => {
    expect(() => createDeviceManager({ hub: new RecordingHub(), devices: [{ id: 'p', kind: 'printer' }] })).toThrow(DeviceConfigError);
  });

  it('keeps going when a hub callback throws', () => {
    const errors: unknown[] = [];
    class FaultyHub extends RecordingHub {
      override ratingPressed(): void {
        throw new Error('hub bug');
      }
    }
    const hub: HubPort = new FaultyHub();
    manager = createDeviceManager({ hub, windows: ['4'], onHubError: (e) => errors.push(e) });
    expect(manager.simulateRating('4', 'satisfied')).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
