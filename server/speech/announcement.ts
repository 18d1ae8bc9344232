// The words of a call, shared by the hall screen (browser speech synthesis, the text on screen) and the
// hub's espeak-ng path, so every way of announcing says the same thing. Pure: no I/O, no DOM.
// A discreet service (e.g. community corrections) is never named; a recall says so.

export interface CallToAnnounce {
  ticketNumber: string;
  windowId: string;
  windowName: string;
  /** null for a discreet service. */
  serviceName: string | null;
  recall: boolean;
}

export interface Announcement {
  /** What the screen shows, zh-CN: 请 C012 号 到 4号窗口 办理. */
  text: string;
  /** English line for the screen. */
  textEn: string;
  /** What a voice says: digits of the number one by one, window numbers as numerals (四号窗口). */
  spoken: string;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0–9999 as Chinese numerals for counting (12 → 十二, 105 → 一百零五); longer runs are read digit by digit. */
export function numeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n).split('').map((d) => DIGITS[Number(d)] ?? d).join('');
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const units: [number, string][] = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let rest = n;
  let gap = false;
  for (const [size, unit] of units) {
    const d = Math.floor(rest / size);
    rest %= size;
    if (d > 0) {
      if (gap) out += '零';
      out += DIGITS[d]! + unit;
      gap = false;
    } else if (out) gap = true;
  }
  return out;
}

/** A ticket number read as callers do: letters as letters, digits one by one (C012 → C 零一二). */
export function spokenTicket(number: string): string {
  return number.replace(/\d+/g, (run) => ` ${run.split('').map((d) => DIGITS[Number(d)]).join('')}`).trim();
}

/** Numbers inside a window name read as numerals (4号窗口 → 四号窗口, Window 12 → Window 十二). */
export function spokenName(name: string): string {
  return name.replace(/\d+/g, (run) => numeral(Number(run)));
}

export function announcementText(call: CallToAnnounce): Announcement {
  const service = call.serviceName ? ` ${call.serviceName}` : '';
  const text = `${call.recall ? '重呼：' : ''}请 ${call.ticketNumber} 号 到 ${call.windowName} 办理${service}`;
  const textEn = `${call.recall ? 'Recall: ' : ''}Number ${call.ticketNumber}, please go to window ${call.windowId}`;
  // 再次呼叫 rather than 重呼 in speech: 重 is a polyphone a synthesiser may read zhòng.
  const spoken = `${call.recall ? '再次呼叫，' : ''}请 ${spokenTicket(call.ticketNumber)} 号，到 ${spokenName(call.windowName)} 办理${service}`;
  return { text, textEn, spoken };
}
