// What a ticket looks like on paper, from its decoded ESC/POS operations: one entry per printed
// line with its size and alignment, QR codes by payload, the cut. The admin screens show this for a
// simulated printer, and the printer simulator (`npm run simulate -- printer`) prints it as text.

import type { PrintedLine } from '../contract.js';
import type { Align } from './escpos.js';
import type { EscPosOp } from './escpos-decode.js';

/** Decoded operations → printed lines. Never throws; unknown commands are left out. */
export function printedLines(ops: EscPosOp[]): PrintedLine[] {
  const lines: PrintedLine[] = [];
  let align: Align = 'left';
  // Chinese text takes the FS ! size, ASCII the GS ! size; a line shows the larger of the two.
  let size = { ascii: { width: 1, height: 1 }, chinese: { width: 1, height: 1 } };
  let pending = '';
  let pendingAlign: Align = align;
  let pendingSize = { width: 1, height: 1 };
  let storedQr: string | undefined;

  const current = (): { width: number; height: number } => ({
    width: Math.max(size.ascii.width, size.chinese.width),
    height: Math.max(size.ascii.height, size.chinese.height),
  });
  const endLine = (): void => {
    lines.push({ kind: 'text', text: pending, align: pendingAlign, ...pendingSize });
    pending = '';
  };

  for (const op of ops) {
    switch (op.op) {
      case 'init':
        align = 'left';
        size = { ascii: { width: 1, height: 1 }, chinese: { width: 1, height: 1 } };
        break;
      case 'align':
        align = op.align;
        break;
      case 'size':
        size = { ...size, [op.target]: { width: op.width, height: op.height } };
        break;
      case 'text':
        for (const part of op.text.split(/(\n)/)) {
          if (part === '\n') {
            endLine();
            continue;
          }
          if (part === '') continue;
          // A printer takes alignment and size as they stand when a line starts printing.
          if (pending === '') {
            pendingAlign = align;
            pendingSize = current();
          }
          pending += part.replace(/\r/g, '');
        }
        break;
      case 'feed':
        if (pending !== '') endLine();
        for (let i = 0; i < op.lines; i++) lines.push({ kind: 'text', text: '', align, ...current() });
        break;
      case 'qr-store':
        storedQr = op.data;
        break;
      case 'qr-print':
        if (pending !== '') endLine();
        if (storedQr !== undefined) lines.push({ kind: 'qr', data: storedQr });
        break;
      case 'cut':
        if (pending !== '') endLine();
        lines.push({ kind: 'cut', mode: op.mode });
        break;
      default:
        break;
    }
  }
  if (pending !== '') endLine();
  return lines;
}

/**
 * Printed lines as plain text for a terminal, `columns` wide (a 58 mm printer prints 32 ASCII
 * columns). Large text is marked with its size, e.g. `A012  [×4]`; Chinese characters count two columns.
 */
export function renderPlain(lines: PrintedLine[], columns = 32): string {
  return lines
    .map((l) => {
      if (l.kind === 'qr') return place(`[QR] ${l.data}`, 'center', columns);
      if (l.kind === 'cut') return `${'-'.repeat(Math.max(0, columns - 6))} ✂ cut`;
      const mark = l.width > 1 || l.height > 1 ? `  [×${Math.max(l.width, l.height)}]` : '';
      return place(l.text + mark, l.align, columns);
    })
    .join('\n');
}

function place(text: string, align: Align, columns: number): string {
  if (text === '') return '';
  const free = Math.max(0, columns - displayWidth(text));
  if (align === 'center') return ' '.repeat(Math.floor(free / 2)) + text;
  if (align === 'right') return ' '.repeat(free) + text;
  return text;
}

/** Terminal columns: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}
