// The queue ticket as printed at a kiosk: Chinese first, English second, the number very large,
// the materials to bring (一次性告知), a QR code to the citizen's phone view and the 12348 hotline.

import type { TicketPrintJob } from '../contract.js';
import { EscPosBuilder } from './escpos.js';

export interface TicketLayoutOptions {
  /** Time zone for the issue time. Default Asia/Shanghai. */
  timeZone?: string;
  /** Materials lines printed at most; the rest are on the phone view. Default 5. */
  maxMaterials?: number;
  qrModuleSize?: number;
}

export const DEFAULT_MAX_MATERIALS = 5;

export function layoutTicket(job: TicketPrintJob, options: TicketLayoutOptions = {}): Uint8Array {
  const maxMaterials = options.maxMaterials ?? DEFAULT_MAX_MATERIALS;
  const p = new EscPosBuilder().init().chineseMode(true).align('center');

  p.size(1).line(job.centerName);
  if (job.reprint) p.line('补打 REPRINT');
  p.feed(1);
  p.line('您的号码 Your number');
  p.size(4).line(job.number);
  p.size(2).line(job.serviceName);
  p.size(1);
  if (job.serviceNameEn) p.line(job.serviceNameEn);
  p.feed(1);

  if (job.ahead > 0) {
    p.line(`前面还有 ${job.ahead} 人`).line(`${job.ahead} ${job.ahead === 1 ? 'person' : 'people'} ahead of you`);
    p.line(`预计等候约 ${job.estimatedWaitMinutes} 分钟`).line(`Estimated wait: about ${job.estimatedWaitMinutes} min`);
  } else {
    p.line('前面没有人，请留意叫号').line('You are next, please watch the screen');
  }
  const issued = formatIssueTime(job.issuedAt, options.timeZone);
  p.line(`取号时间 ${issued}`).line(`Issued ${issued}`);

  if (job.materials.length > 0) {
    p.feed(1).align('left').line('请备齐以下材料（一次性告知）：').line('Please bring:');
    job.materials.slice(0, maxMaterials).forEach((m, i) => p.line(`${i + 1}. ${m}`));
    const more = job.materials.length - maxMaterials;
    if (more > 0) p.line(`另有 ${more} 项，请扫码查看`).line(`${more} more: scan the code`);
    p.align('center');
  }

  p.feed(1).line('扫码查看排队进度').line('Scan to follow your ticket');
  p.qr(job.url, { moduleSize: options.qrModuleSize ?? 6, errorLevel: 'M' });
  p.feed(1).line(`公共法律服务热线 ${job.hotline}`).line(`Legal service hotline ${job.hotline}`);
  return p.feed(3).cut('partial').bytes();
}

/** ISO time → "YYYY-MM-DD HH:mm" in the given zone; an unparsable value is printed as given. */
export function formatIssueTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((x) => x.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
