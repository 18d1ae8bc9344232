import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HEALTHY_PRINTER, encodeStatusByte, interpretStatus, type PrinterCondition, type StatusQuery } from '../../../../devices/printer/status.js';

const answersFor = (c: PrinterCondition) =>
  Object.fromEntries(([1, 2, 3, 4] as StatusQuery[]).map((n) => [n, encodeStatusByte(n, c)]));

describe('printer real-time status', () => {
  it('0x12 everywhere is all clear', () => {
    expect(interpretStatus({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 })).toEqual({ state: 'ok' });
    expect(interpretStatus({ 1: 0x12 })).toEqual({ state: 'ok' });
  });

  it('no answer is offline', () => {
    expect(interpretStatus({})).toMatchObject({ state: 'offline' });
  });

  it('tells the cause of an offline printer from n=2 and n=4', () => {
    expect(interpretStatus({ 1: 0x1a })).toMatchObject({ state: 'offline' });
    expect(interpretStatus({ 1: 0x1a, 2: 0x32, 4: 0x7e })).toMatchObject({ state: 'paper-out' });
    expect(interpretStatus({ 1: 0x1a, 2: 0x16, 4: 0x12 })).toMatchObject({ state: 'error', detail: 'cover open' });
    expect(interpretStatus({ 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 })).toMatchObject({ state: 'error', detail: 'cutter error' });
  });

  it('paper near end is paper-low while still online', () => {
    expect(interpretStatus({ 1: 0x12, 4: 0x1e })).toEqual({ state: 'paper-low', detail: 'paper near end' });
  });

  it('a byte without the fixed bits is an error, not a status', () => {
    expect(interpretStatus({ 1: 0x00 })).toMatchObject({ state: 'error' });
    expect(interpretStatus({ 1: 0x93 })).toMatchObject({ state: 'error' });
  });

  it('every simulated condition reads back as the matching state', () => {
    expect(interpretStatus(answersFor(HEALTHY_PRINTER)).state).toBe('ok');
    expect(interpretStatus(answersFor({ ...HEALTHY_PRINTER, paper: 'low' })).state).toBe('paper-low');
    expect(interpretStatus(answersFor({ ...HEALTHY_PRINTER, paper: 'out' })).state).toBe('paper-out');
    expect(interpretStatus(answersFor({ ...HEALTHY_PRINTER, coverOpen: true })).detail).toBe('cover open');
    expect(interpretStatus(answersFor({ ...HEALTHY_PRINTER, offline: true })).state).toBe('offline');
    expect(interpretStatus(answersFor({ ...HEALTHY_PRINTER, unrecoverableError: true })).detail).toBe('unrecoverable error');
  });

  it('any answers never throw and only a clean set is ok', () => {
    fc.assert(
      fc.property(fc.record({ 1: fc.nat(255), 2: fc.nat(255), 3: fc.nat(255), 4: fc.nat(255) }), (answers) => {
        const { state } = interpretStatus(answers);
        if (state === 'ok') expect(Object.values(answers).every((b) => b === 0x12)).toBe(true);
      }),
    );
  });
});
