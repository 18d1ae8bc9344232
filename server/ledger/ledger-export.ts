// The ledger's export columns: Chinese headers as the seeds' 服务台账, one definition for every format.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Style, Worksheet } from 'exceljs';
import { toCsv } from './csv.js';
import type { LedgerRow } from './visit-rows.js';
import { RATING_LABELS, STATUS_LABELS } from './visit-rows.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:mm:ss" in the center's zone. */
export function formatLocal(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

export interface LedgerColumn {
  header: string;
  value: (r: LedgerRow) => string | number | null;
}

export function ledgerCsvColumns(timeZone: string): LedgerColumn[] {
  const t = (iso: string | null) => formatLocal(iso, timeZone);
  return [
    { header: '号票', value: (r) => r.number },
    { header: '业务', value: (r) => r.service },
    { header: '来访人姓名', value: (r) => r.visitorName },
    { header: '联系方式', value: (r) => r.phone },
    { header: '来访时间', value: (r) => t(r.issuedAt) },
    { header: '叫号时间', value: (r) => t(r.calledAt) },
    { header: '开始办理', value: (r) => t(r.startedAt) },
    { header: '办结时间', value: (r) => t(r.finishedAt) },
    { header: '窗口', value: (r) => r.windowId },
    { header: '接待人员', value: (r) => r.staff },
    { header: '办理事项', value: (r) => r.matter },
    { header: '办理过程及结果', value: (r) => r.outcome },
    { header: '满意度评价', value: (r) => (r.rating ? RATING_LABELS[r.rating as keyof typeof RATING_LABELS] : '') },
    { header: '状态', value: (r) => STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status },
    { header: '转移记录', value: (r) => r.transfers.map((x) => `${t(x.at)} ${x.by ?? ''} ${x.fromWindowId}号窗口→${x.toWindowId ? `${x.toWindowId}号窗口` : x.toService}${x.note ? `（${x.note}）` : ''}`).join('；') },
    { header: '票号ID', value: (r) => r.ticketId },
  ];
}

/** One worksheet (or one CSV table): Chinese headers, rows of plain values; `rate` columns are shares (0.9375). */
export interface Sheet {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Indexes of columns holding shares, shown as percentages. */
  rateColumns?: number[];
}

/** A share as the center writes it: 93.75%. */
export function percentText(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : `${Math.round(x * 10_000) / 100}%`;
}

/** The ledger rows as one sheet (the same columns as the CSV). */
export function ledgerSheet(rows: LedgerRow[], timeZone: string): Sheet {
  const columns = ledgerCsvColumns(timeZone);
  return { name: '服务台账', headers: columns.map((c) => c.header), rows: rows.map((r) => columns.map((c) => c.value(r))) };
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface XlsxMeta { title: string; creator: string }

const worksheetOptions = { views: [{ state: 'frozen' as const, ySplit: 1 }] };
const excelName = (name: string) => name.slice(0, 31);
const cells = (r: Sheet['rows'][number]) => r.map((v) => (v === null ? '' : v));

/** Sized columns (from the header and the first rows) and percentage formats; before any row is written. */
function formatColumns(ws: Worksheet, s: Sheet): void {
  s.headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const longest = Math.max(h.length * 2, ...s.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    col.width = Math.min(60, Math.max(8, longest + 2));
    if (s.rateColumns?.includes(i)) col.numFmt = '0.00%';
  });
}

/** An .xlsx workbook (exceljs) in memory, for the small report files: bold frozen header row, sized columns, percentages formatted. */
export async function toXlsx(sheets: Sheet[], meta: XlsxMeta): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  for (const s of sheets) {
    const ws = wb.addWorksheet(excelName(s.name), worksheetOptions);
    formatColumns(ws, s);
    ws.addRow(s.headers).font = { bold: true };
    for (const r of s.rows) ws.addRow(cells(r));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Writes one sheet as an .xlsx file to `out` chunk by chunk (exceljs's streaming writer: inline strings,
 * each row committed), looking as toXlsx's sheets do; columns are sized from the first non-empty chunk.
 * A year's ledger (150,000 rows) never sits in memory: after each chunk it waits until the zip entry has
 * taken in what was written, which moves only as fast as the deflate and `out`'s reader. Rejects
 * (and stops reading chunks) when `out` closes early.
 */
export async function writeXlsx(out: Writable, head: Pick<Sheet, 'name' | 'headers' | 'rateColumns'>, chunks: AsyncIterable<Sheet['rows']>, meta: XlsxMeta): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const closed = closedEarly(out);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = meta.creator;
  wb.title = meta.title;
  const ws = wb.addWorksheet(excelName(head.name), worksheetOptions);
  // Each new cell gets a fresh copy of its column's style, which exceljs then looks up among the
  // workbook's styles by value (a third of the time): hand it the column's own object, found by identity.
  let columnStyles: Partial<Style>[] | undefined;
  const start = (first: Sheet['rows']) => {
    formatColumns(ws, { ...head, rows: first });
    columnStyles = head.headers.map((_, i) => ws.getColumn(i + 1).style);
    const header = ws.addRow(head.headers);
    header.font = { bold: true };
    header.commit();
  };
  for await (const rows of chunks) {
    if (rows.length === 0) continue;
    if (!columnStyles) start(rows);
    for (const r of rows) {
      const row = ws.addRow(cells(r));
      row.eachCell((cell, col) => (cell.style = columnStyles![col - 1]!));
      row.commit();
    }
    await Promise.race([entryTookIn(ws), closed]);
  }
  if (!columnStyles) start([]);
  ws.commit();
  await Promise.race([wb.commit(), closed]);
}

/** Rejects when `out` closes before it finished (the client went away); never resolves otherwise. */
function closedEarly(out: Writable): Promise<never> {
  const p = finished(out).then(() => new Promise<never>(() => undefined));
  p.catch(() => undefined); // observed by the races that use it
  return p;
}

/**
 * exceljs's worksheet stream hands its 64 KB buffers to the zip entry's input stream without waiting (it
 * ignores write()'s answer), and zlib compresses slower than rows are made, so that stream's backlog
 * is where both a slow reader and the deflate show: wait for it to drain (`needDrain` of the stream's
 * state: the zip library's streams are an older readable-stream without the `writableNeedDrain` getter).
 * Before the zip has taken up the entry there is nothing to wait for yet.
 */
async function entryTookIn(ws: Worksheet): Promise<void> {
  type Pipe = Writable & { _writableState?: { needDrain?: boolean } };
  const pipes = (ws as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes ?? [];
  await Promise.all(pipes.filter((p) => p.writableNeedDrain ?? p._writableState?.needDrain).map((p) => once(p, 'drain')));
}

/** Several tables in one CSV: each under a title line, separated by an empty line; shares as 93.75%. */
export function sheetsToCsvRows(sheets: Sheet[]): { headers: string[]; rows: unknown[][] } {
  const [first, ...rest] = sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map((v, i) => (s.rateColumns?.includes(i) && typeof v === 'number' ? percentText(v) : v))) }));
  if (!first) return { headers: [], rows: [] };
  if (rest.length === 0) return { headers: first.headers, rows: first.rows };
  const rows: unknown[][] = [];
  for (const s of [first, ...rest]) rows.push([`【${s.name}】`], s.headers, ...s.rows, []);
  return { headers: [`【${first.name}】`], rows: rows.slice(1) };
}

/** Rows as CSV lines without the BOM (a later chunk of a streamed file). */
export function csvChunk(rows: unknown[][]): string {
  const [first, ...rest] = rows;
  return first ? toCsv(first as string[], rest).slice(1) : '';
}

/**
 * Writes a CSV file chunk by chunk (the BOM and headers first), waiting for the reader between chunks,
 * so a year's ledger never sits in memory at once; rejects when `out` closes early.
 */
export async function writeCsv(out: Writable, headers: string[], chunks: AsyncIterable<unknown[][]>): Promise<void> {
  const closed = closedEarly(out);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : Promise.race([once(out, 'drain').then(() => undefined), closed]));
  await write(toCsv(headers, []));
  for await (const rows of chunks) if (rows.length > 0) await write(csvChunk(rows));
  out.end();
}
