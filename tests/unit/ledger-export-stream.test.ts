// The streamed ledger files against their reader: the XLSX writer pulls business days only as fast as
// the file is read (a year never piles up in memory), and a failure or a reader that goes away ends the
// write with an error instead of leaving it waiting forever.
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ledgerSheet, writeCsv, writeXlsx } from '../../server/ledger/ledger-export.js';

const head = ledgerSheet([], 'Asia/Shanghai');
const meta = { title: '服务台账', creator: '测试中心' };

/** `days` chunks of 600 rows, counting how many were pulled; fails at `failAt` when given. */
function source(days: number, failAt?: number) {
  const pulled = { n: 0, finished: false };
  async function* chunks() {
    try {
      for (let d = 0; d < days; d++) {
        if (d === failAt) throw new Error('store went away');
        pulled.n++;
        yield Array.from({ length: 600 }, (_, i) => head.headers.map((h, c) => `${h}-${d}-${i}-${(c * 7919 + i * 104_729) % 9973}`));
      }
    } finally {
      pulled.finished = true;
    }
  }
  return { pulled, chunks: chunks() };
}

/** A reader that takes nothing until told. */
function stalledReader() {
  return new Writable({ write(_chunk, _enc, _done) { /* never done: the reader is not reading */ } });
}

async function settled(count: () => number): Promise<number> {
  let last = -1;
  for (let i = 0; i < 100 && count() !== last; i++) {
    last = count();
    await new Promise((ok) => setTimeout(ok, 300));
  }
  return count();
}

describe('writeXlsx', () => {
  it('stops pulling days while nobody reads the file, and ends with an error when the reader goes away', async () => {
    const { pulled, chunks } = source(200);
    const out = stalledReader();
    const writing = writeXlsx(out, head, chunks, meta);
    const held = await settled(() => pulled.n);
    expect(held).toBeGreaterThan(0);
    // A few days fill the zip's buffers; the other 180-odd wait for a reader.
    expect(held).toBeLessThan(40);
    out.destroy();
    await expect(writing).rejects.toThrow();
    expect(pulled.finished).toBe(true);
    expect(pulled.n).toBe(held);
  });

  it('ends with the error of a day that cannot be read', async () => {
    const { chunks } = source(10, 3);
    const out = new PassThrough();
    out.resume();
    await expect(writeXlsx(out, head, chunks, meta)).rejects.toThrow('store went away');
  });

  it('writes a whole file that exceljs reads back when the reader keeps up', async () => {
    const { pulled, chunks } = source(5);
    const parts: Buffer[] = [];
    const out = new Writable({ write(chunk: Buffer, _enc, done) { parts.push(chunk); setImmediate(done); } });
    await writeXlsx(out, head, chunks, meta);
    expect(pulled.n).toBe(5);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + 5 * 600);
    expect(ws.getRow(1).values).toEqual([undefined, ...head.headers]);
    expect(ws.getRow(3001).getCell(1).value).toBe('号票-4-599-' + String((599 * 104_729) % 9973));
  });
});

describe('writeCsv', () => {
  it('ends with an error when the reader goes away instead of waiting for it', async () => {
    const { pulled, chunks } = source(200);
    const out = stalledReader();
    const writing = writeCsv(out, head.headers, chunks);
    const held = await settled(() => pulled.n);
    expect(held).toBeLessThan(5);
    out.destroy();
    await expect(writing).rejects.toThrow();
    expect(pulled.finished).toBe(true);
  });
});
