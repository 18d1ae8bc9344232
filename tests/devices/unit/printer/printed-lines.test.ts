// The readable rendering of a printed ticket (admin preview, printer simulator): sizes, alignment,
// QR payloads and the cut come from the decoded bytes, not from the job.
import { describe, expect, it } from 'vitest';
import type { PrintedLine } from '../../../../devices/contract.js';
import { EscPosBuilder } from '../../../../devices/printer/escpos.js';
import { decodeEscPos } from '../../../../devices/printer/escpos-decode.js';
import { displayWidth, printedLines, renderPlain } from '../../../../devices/printer/printed-lines.js';
import { layoutTicket } from '../../../../devices/printer/ticket-layout.js';
import { JOB } from '../../support/jobs.js';

const texts = (lines: PrintedLine[]) => lines.flatMap((l) => (l.kind === 'text' ? [l] : []));

describe('printed lines', () => {
  it('renders the ticket: the number very large and centred, the service double, the QR to /t/<id>, the cut last', () => {
    const lines = printedLines(decodeEscPos(layoutTicket(JOB)));
    expect(texts(lines).find((l) => l.text === 'C012')).toEqual({ kind: 'text', text: 'C012', width: 4, height: 4, align: 'center' });
    expect(texts(lines).find((l) => l.text === '法律援助')).toMatchObject({ width: 2, height: 2, align: 'center' });
    expect(texts(lines).find((l) => l.text === '前面还有 3 人')).toMatchObject({ width: 1, height: 1 });
    expect(texts(lines).find((l) => l.text === '1. 身份证')).toMatchObject({ align: 'left' });
    expect(lines.filter((l) => l.kind === 'qr')).toEqual([{ kind: 'qr', data: JOB.url }]);
    expect(lines.at(-1)).toEqual({ kind: 'cut', mode: 'partial' });
    expect(texts(lines).some((l) => l.text.includes('12348'))).toBe(true);
  });

  it('takes size and alignment as they stand when a line starts, and keeps blank feed lines', () => {
    const bytes = new EscPosBuilder().init().align('right').size(2).text('AB').size(1).text('CD\n').feed(2).align('left').line('x').cut('full').bytes();
    expect(printedLines(decodeEscPos(bytes))).toEqual([
      { kind: 'text', text: 'ABCD', width: 2, height: 2, align: 'right' },
      { kind: 'text', text: '', width: 1, height: 1, align: 'right' },
      { kind: 'text', text: '', width: 1, height: 1, align: 'right' },
      { kind: 'text', text: 'x', width: 1, height: 1, align: 'left' },
      { kind: 'cut', mode: 'full' },
    ]);
  });

  it('prints no QR that was printed before any was stored', () => {
    const bytes = Uint8Array.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);
    expect(printedLines(decodeEscPos(bytes))).toEqual([]);
  });

  it('plain text: centred by display width (Chinese counts two), sizes marked, QR and cut shown', () => {
    const plain = renderPlain(printedLines(decodeEscPos(layoutTicket(JOB))), 32);
    const rows = plain.split('\n');
    const number = rows.find((r) => r.includes('C012'))!;
    expect(number.trim()).toBe('C012  [×4]');
    expect(number.indexOf('C012')).toBe(Math.floor((32 - displayWidth('C012  [×4]')) / 2));
    expect(rows).toContain(' '.repeat(Math.floor((32 - 4 * 2 - 6) / 2)) + '法律援助  [×2]');
    expect(rows.some((r) => r.trim() === `[QR] ${JOB.url}`)).toBe(true);
    expect(rows.at(-1)).toMatch(/✂ cut$/);
    expect(displayWidth('法律A')).toBe(5);
  });
});
