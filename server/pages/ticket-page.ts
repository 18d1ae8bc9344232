// /t/<ticketId>: the citizen's phone view of one ticket (from the QR code). Server-rendered and readable
// without script; a small inline script keeps it live by re-fetching this same page every few seconds
// and swapping the live part (one template, no second renderer), and alerts — vibration, a tone once
// the citizen has allowed sound, a flashing banner — when the ticket is called or recalled. Shows no
// personal data: the ticket view has none.
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

/** Seconds between refreshes while the ticket can still change. */
export const TICKET_PAGE_REFRESH_SECONDS = 5;

function livePart(t: TicketView): string {
  const finished = t.status === 'done' || t.status === 'cancelled' || t.status === 'no-show';
  const windowLabel = t.windowName ? `${esc(t.windowName)}` : '';
  const windowEn = t.windowId ? `Window ${esc(t.windowId)}` : '';
  return `<section id="live" data-status="${t.status}" data-recalls="${t.recalls}" data-final="${finished}">
  <p class="number">${esc(t.number)}</p>
  <p class="service">${esc(t.serviceName)}<br><small>${esc(t.serviceNameEn)}</small></p>
  ${t.status === 'called'
    ? `<div class="alert" role="alert"><b>请到 ${windowLabel} 办理</b><br><span>Please go to ${windowEn}</span></div>`
    : `<p class="status status-${t.status}">${esc(STATUS[t.status][0])}<br><small>${esc(STATUS[t.status][1])}</small></p>`}
  ${t.status === 'waiting'
    ? `<div class="figures"><p>前面还有 <b class="ahead">${t.ahead}</b> 人<br><small>${t.ahead} ahead of you</small></p>
       <p>预计等候约 <b>${t.estimatedWaitMinutes}</b> 分钟<br><small>about ${t.estimatedWaitMinutes} min</small></p></div>`
    : ''}
  ${t.status === 'serving' && windowLabel ? `<p class="window">${windowLabel}<br><small>${windowEn}</small></p>` : ''}
  ${t.priority === 'green' ? '<p class="green">绿色通道 <small>Green channel</small></p>' : ''}
</section>`;
}

const SCRIPT = `(function () {
  var live = document.getElementById('live');
  if (!live) return;
  var audio = null;
  var conn = document.getElementById('conn');
  var soundBtn = document.getElementById('sound');
  var seen = live.dataset.status + ':' + live.dataset.recalls;
  function tone() {
    if (!audio) return;
    var t = audio.currentTime;
    [0, 0.45, 0.9].forEach(function (d) {
      var o = audio.createOscillator(), g = audio.createGain();
      o.frequency.value = 880; o.connect(g); g.connect(audio.destination);
      g.gain.setValueAtTime(0.0001, t + d); g.gain.exponentialRampToValueAtTime(0.6, t + d + 0.03); g.gain.exponentialRampToValueAtTime(0.0001, t + d + 0.35);
      o.start(t + d); o.stop(t + d + 0.4);
    });
  }
  function alertCitizen() {
    if (navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 800]);
    tone();
    document.body.classList.add('flash');
    setTimeout(function () { document.body.classList.remove('flash'); }, 6000);
  }
  if (soundBtn) soundBtn.addEventListener('click', function () {
    var C = window.AudioContext || window.webkitAudioContext;
    if (C) { audio = new C(); audio.resume(); }
    soundBtn.hidden = true;
    document.getElementById('sound-on').hidden = false;
  });
  function poll() {
    fetch(location.pathname, { cache: 'no-store' }).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); }).then(function (html) {
      var next = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
      conn.hidden = true;
      if (!next) return;
      var key = next.dataset.status + ':' + next.dataset.recalls;
      live.replaceWith(next); live = next;
      if (key !== seen && next.dataset.status === 'called') alertCitizen();
      seen = key;
    }, function () { conn.hidden = false; }).then(function () {
      if (live.dataset.final !== 'true') setTimeout(poll, ${TICKET_PAGE_REFRESH_SECONDS * 1000});
    });
  }
  if (live.dataset.final !== 'true') setTimeout(poll, ${TICKET_PAGE_REFRESH_SECONDS * 1000});
})();`;

export function ticketPage(t: TicketView | undefined, centerName: string, hotline: string): string {
  const body = t
    ? `${livePart(t)}
  <p class="conn" id="conn" role="status" hidden>网络连接中断，正在重试… <small>Reconnecting…</small></p>
  <button type="button" id="sound" class="sound">开启叫号提示音<br><small>Turn on the call sound</small></button>
  <p id="sound-on" class="sound-on" hidden>提示音已开启，叫号时手机会响铃并振动 <small>Sound on: your phone rings and vibrates when called</small></p>
  <p class="keep">请保持本页打开，叫号时会提醒您<br><small>Keep this page open to be alerted when called</small></p>
  <script>${SCRIPT}</script>`
    : `<p class="status">未找到该号票<br><small>Ticket not found</small></p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<noscript><meta http-equiv="refresh" content="15"></noscript><title>${t ? esc(t.number) : '号票'} · ${esc(centerName)}</title>
<style>
*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:1rem;text-align:center;background:#f5f7fa;color:#1a1a1a;font-size:1.05rem;line-height:1.45;overflow-wrap:anywhere}
h1{font-size:1rem;font-weight:600;margin:.2rem 0}.number{font-size:clamp(3.5rem,22vw,5.5rem);font-weight:800;margin:.3rem 0;color:#0b3d91;line-height:1.1}
.service,.status{font-size:1.3rem}.figures b{font-size:1.6rem}.window{font-size:1.8rem;font-weight:700;color:#0b3d91}
small{color:#444;font-size:.85rem}.green{display:inline-block;background:#1b5e20;color:#fff;border-radius:1rem;padding:.1rem .8rem;font-weight:700}.green small{color:#fff}
.alert{background:#a00018;color:#fff;border-radius:.8rem;padding:1rem;font-size:1.6rem;margin:.6rem 0}.alert span{font-size:1.1rem}
.flash .alert{animation:blink .6s step-end 10}@keyframes blink{50%{background:#ffd400;color:#000}}
.sound{font:inherit;font-weight:700;width:100%;min-height:3.5rem;margin:1rem 0 .4rem;border-radius:.8rem;border:2px solid #0b3d91;background:#fff;color:#0b3d91}.sound small{color:#0b3d91}
.sound-on{color:#1b5e20;font-weight:600}.conn{background:#fff4e5;color:#6b2200;border-radius:.5rem;padding:.4rem}
.keep{margin-top:1rem;color:#333}footer{margin-top:1.5rem;color:#444;font-size:.9rem}
</style>
</head><body><h1>${esc(centerName)}</h1>${body}<footer>公共法律服务热线 ${esc(hotline)} · Legal service hotline</footer></body></html>`;
}
