// /t/<ticketId>: the citizen's phone view of one ticket (from the QR code). Server-rendered, no script,
// refreshes itself; shows no personal data.
import type { TicketView } from '../domain/views.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STATUS: Record<TicketView['status'], [string, string]> = {
  waiting: ['等候中', 'Waiting'],
  called: ['请前往窗口', 'Please go to the window'],
  serving: ['办理中', 'Being served'],
  done: ['已办结', 'Finished'],
  'no-show': ['已过号，请联系工作人员', 'Missed — please ask the staff'],
  cancelled: ['已失效', 'No longer valid'],
};

export function ticketPage(t: TicketView | undefined, centerName: string, hotline: string): string {
  const body = t
    ? `<p class="number">${esc(t.number)}</p>
       <p class="service">${esc(t.serviceName)}<br><small>${esc(t.serviceNameEn)}</small></p>
       <p class="status">${esc(STATUS[t.status][0])}<br><small>${esc(STATUS[t.status][1])}</small></p>
       ${t.status === 'waiting' ? `<p>前面还有 <b>${t.ahead}</b> 人 · 预计等候约 <b>${t.estimatedWaitMinutes}</b> 分钟<br><small>${t.ahead} ahead · about ${t.estimatedWaitMinutes} min</small></p>` : ''}
       ${t.windowName && (t.status === 'called' || t.status === 'serving') ? `<p class="window">${esc(t.windowName)}</p>` : ''}`
    : `<p class="status">未找到该号票<br><small>Ticket not found</small></p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="15"><title>${t ? esc(t.number) : '号票'} · ${esc(centerName)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:0;padding:1.5rem;text-align:center;background:#f5f7fa;color:#1a1a1a}
h1{font-size:1.1rem;font-weight:600}.number{font-size:4.5rem;font-weight:800;margin:.5rem 0;color:#0b3d91}
.service,.status{font-size:1.4rem}.window{font-size:2rem;font-weight:700;color:#b00020}small{color:#555;font-size:.9rem}footer{margin-top:2rem;color:#555}</style>
</head><body><h1>${esc(centerName)}</h1>${body}<footer>公共法律服务热线 ${esc(hotline)} · Legal service hotline</footer></body></html>`;
}
