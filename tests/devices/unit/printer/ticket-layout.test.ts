import { describe, expect, it } from 'vitest';
import { decodeEscPos, hasCut, printedQrPayloads, printedText } from '../../../../devices/printer/escpos-decode.js';
import { formatIssueTime, layoutTicket } from '../../../../devices/printer/ticket-layout.js';
import { JOB } from '../../support/jobs.js';


describe('ticket layout', () => {
  const ops = decodeEscPos(layoutTicket(JOB));
  const text = printedText(ops);

  it('prints the number very large, the service in Chinese then English', () => {
    const numberIndex = ops.findIndex((o) => o.op === 'text' && o.text.includes('C012'));
    const sizeBefore = ops.slice(0, numberIndex).reverse().find((o) => o.op === 'size');
    expect(sizeBefore).toMatchObject({ width: 4, height: 4 });
    expect(text.indexOf('法律援助')).toBeLessThan(text.indexOf('Legal aid'));
    expect(text).toContain('溧阳市公共法律服务中心');
  });

  it('prints people ahead, wait, issue time in Shanghai time and the hotline', () => {
    expect(text).toContain('前面还有 3 人');
    expect(text).toContain('预计等候约 18 分钟');
    expect(text).toContain('取号时间 2025-03-04 09:05');
    expect(text).toContain('12348');
  });

  it('lists at most five materials and says how many more there are', () => {
    expect(text).toContain('1. 身份证');
    expect(text).toContain('5. 户口簿');
    expect(text).not.toContain('证据清单');
    expect(text).toContain('另有 2 项');
  });

  it('ends with a QR code to the ticket page and a cut', () => {
    expect(printedQrPayloads(ops)).toEqual(['https://hall.example/t/tkt_8f3a']);
    expect(hasCut(ops)).toBe(true);
    expect(ops.at(-1)?.op).toBe('cut');
  });

  it('marks a reprint and handles nobody ahead', () => {
    const t = printedText(decodeEscPos(layoutTicket({ ...JOB, reprint: true, ahead: 0, materials: [] })));
    expect(t).toContain('补打');
    expect(t).toContain('前面没有人');
    expect(t).not.toContain('一次性告知');
  });

  it('replaces characters a printer cannot print instead of corrupting the ticket', () => {
    const t = printedText(decodeEscPos(layoutTicket({ ...JOB, serviceName: '法律援助𠀀' })));
    expect(t).toContain('法律援助?');
  });

  it('formats the issue time in the requested zone', () => {
    expect(formatIssueTime('2025-03-04T16:30:00Z')).toBe('2025-03-05 00:30');
    expect(formatIssueTime('2025-03-04T16:30:00Z', 'UTC')).toBe('2025-03-04 16:30');
    expect(formatIssueTime('not a date')).toBe('not a date');
  });
});
