// The ledger's Excel export of any range, over the real server: 36 working days of a busy center
// (21,600 visits, more than the 20,000 rows the export used to refuse) seeded through the store, exported
// as XLSX (streamed one business day at a time), parsed back with exceljs and held against the ledger's
// JSON and the CSV export of the same range. Store-agnostic: runs on SQLite and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_DAY, seedYear } from '../../bench/reports.js';
import { parseCsv } from '../../server/ledger/csv.js';
import { formatLocal } from '../../server/ledger/ledger-export.js';
import { RATING_LABELS } from '../../server/ledger/visit-rows.js';
import { ManualClock, TestHub, testConfig } from '../support/hub-harness.js';
import { openTestStore } from '../support/test-store.js';
import { sheetRows } from '../support/xlsx-rows.js';

const TZ = 'Asia/Shanghai';
const WORKING_DAYS = 36;
const HEADERS = ['号票', '业务', '来访人姓名', '联系方式', '来访时间', '叫号时间', '开始办理', '办结时间', '窗口', '接待人员', '办理事项', '办理过程及结果', '满意度评价', '状态', '转移记录', '票号ID'];

let dataDir: string;
let t: TestHub;
let range: string;
let visits: number;
let workbook: ExcelJS.Workbook;
let rows: string[][];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'yichuang-xlsx-'));
  const store = await openTestStore(dataDir);
  const seeded = await seedYear(store, WORKING_DAYS).finally(() => store.close());
  visits = seeded.visits;
  range = `from=${seeded.days[0]}&to=${LAST_DAY}`;
  t = await new TestHub(dataDir, testConfig(), new ManualClock(Date.parse(`${LAST_DAY}T18:00:00+08:00`))).start();
  await t.addStaff('liang.zheng', 'director');
  const res = await fetch(`${t.url}/api/v1/ledger/export?${range}&format=xlsx`, { headers: { authorization: `Bearer ${await t.login('liang.zheng')}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ledger-${seeded.days[0]}-${LAST_DAY}.xlsx"`);
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  rows = sheetRows(workbook.worksheets[0]!);
});

afterAll(async () => {
  await t?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('XLSX export of more than 20,000 visits', () => {
  it('holds every visit of the range under the Chinese headers, as the sheet always looked', async () => {
    expect(visits).toBe(WORKING_DAYS * 600);
    expect(visits).toBeGreaterThan(20_000);
    const total = await t.api('GET', `/api/v1/ledger?${range}&limit=1`, { as: 'liang.zheng' });
    expect(total.headers.get('x-total-count')).toBe(String(visits));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['服务台账']);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(visits + 1);
    const ws = workbook.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Columns sized from the first rows: "2026-10-08 08:30:00" and a margin of 2.
    expect(ws.getColumn(HEADERS.indexOf('来访时间') + 1).width).toBe(21);
  });

  it('has the same rows, in the same order, as the ledger and its CSV export', async () => {
    const csv = await t.api('GET', `/api/v1/ledger/export?${range}&format=csv`, { as: 'liang.zheng' });
    expect(parseCsv(csv.text)).toEqual(rows);

    const col = (name: string) => HEADERS.indexOf(name);
    for (const offset of [0, 599, 600, 12_345, visits - 1]) {
      const [visit] = (await t.api('GET', `/api/v1/ledger?${range}&limit=1&offset=${offset}`, { as: 'liang.zheng' })).body;
      const row = rows[offset + 1]!;
      expect(row[col('票号ID')]).toBe(visit.ticketId);
      expect(row[col('号票')]).toBe(visit.number);
      expect(row[col('业务')]).toBe(visit.service);
      expect(row[col('来访人姓名')]).toBe(visit.visitorName ?? '');
      expect(row[col('联系方式')]).toBe(visit.phone ?? '');
      expect(row[col('来访时间')]).toBe(formatLocal(visit.issuedAt, TZ));
      expect(row[col('办结时间')]).toBe(formatLocal(visit.finishedAt, TZ));
      expect(row[col('窗口')]).toBe(visit.windowId ?? '');
      expect(row[col('办理事项')]).toBe(visit.matter ?? '');
      expect(row[col('满意度评价')]).toBe(visit.rating ? RATING_LABELS[visit.rating as keyof typeof RATING_LABELS] : '');
    }
    // Masked personal data only, as on the screen.
    const phones = rows.slice(1).map((r) => r[col('联系方式')]).filter(Boolean);
    expect(phones.length).toBeGreaterThan(5000);
    expect(phones.every((p) => /^138\*{4}\d{4}$/.test(p!))).toBe(true);
  });

  it('still refuses a reversed range with the contract error, before any file starts', async () => {
    const r = await t.api('GET', `/api/v1/ledger/export?from=${LAST_DAY}&to=2026-01-05&format=xlsx`, { as: 'liang.zheng' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid-input', field: 'from' });
  });
});
