// A worksheet read back as text rows, every row as wide as the header row: an empty value is an empty
// cell (the streamed ledger export writes no text for it), read here as ''.
import ExcelJS from 'exceljs';

export function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  let width = 0;
  ws.eachRow((row) => {
    width ||= row.cellCount;
    rows.push(Array.from({ length: width }, (_, i) => {
      const v = row.getCell(i + 1).value;
      return v === null || v === undefined ? '' : String(v);
    }));
  });
  return rows;
}

/** The first worksheet of an .xlsx file, as sheetRows reads it. */
export async function xlsxRows(file: ArrayBuffer | Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as ArrayBuffer);
  return sheetRows(wb.worksheets[0]!);
}
