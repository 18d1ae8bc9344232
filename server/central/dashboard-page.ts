// The city dashboard as server-rendered HTML: no script, no CDN, readable on any browser the bureau
// has. zh-CN by default, English with ?lang=en. Every value is escaped.
import type { Figures } from './day-totals.js';
import type { CityView, SiteFigures } from './city-view.js';
import { text, type Lang, type TextKey } from './text/index.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  :root { color-scheme: light; --ink: #1b2430; --muted: #5b6675; --line: #d5dbe3; --ok: #1d7a3e; --warn: #a15c00; --bad: #b3261e; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif; color: var(--ink); background: #f4f6f9; font-size: 16px; }
  header { background: #123c69; color: #fff; padding: 16px 24px; display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: baseline; }
  header h1 { margin: 0; font-size: 24px; }
  header p { margin: 0; opacity: .85; }
  header nav { margin-left: auto; display: flex; gap: 16px; align-items: center; }
  header a, header button { color: #fff; background: none; border: 1px solid rgba(255,255,255,.6); border-radius: 4px; padding: 4px 10px; font: inherit; cursor: pointer; text-decoration: none; }
  main { padding: 20px 24px; max-width: 1680px; margin: 0 auto; }
  form.date { display: flex; gap: 8px; align-items: center; margin-bottom: 16px; }
  form.date input, form.date button { font: inherit; padding: 6px 10px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; margin-bottom: 16px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
  .card h2 { margin: 0 0 10px; font-size: 18px; }
  .figs { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px 16px; margin: 0; }
  .figs dt { color: var(--muted); font-size: 14px; }
  .figs dd { margin: 0; font-size: 24px; font-weight: 600; }
  .counts { display: flex; gap: 24px; font-size: 18px; margin-bottom: 16px; }
  .counts b { font-size: 24px; }
  .alert { border-left: 4px solid var(--warn); background: #fff7e8; padding: 10px 14px; margin-bottom: 12px; }
  .alert.bad { border-color: var(--bad); background: #fdeceb; }
  .alert ul { margin: 6px 0 0; padding-left: 20px; }
  .alert small { color: var(--muted); }
  table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
  .scroll { overflow-x: auto; }
  th, td { padding: 8px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
  th { background: #e9eef5; font-weight: 600; white-space: normal; }
  th.l, td.l { text-align: left; white-space: normal; }
  td small { color: var(--muted); display: block; }
  td.site { min-width: 14em; }
  td.state { min-width: 10em; }
  .m1 { border-left: 2px solid var(--line); }
  .ok { color: var(--ok); } .stale { color: var(--warn); font-weight: 600; } .refused { color: var(--bad); font-weight: 600; }
  .login { max-width: 360px; margin: 80px auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 24px; }
  .login label { display: block; margin: 12px 0 4px; }
  .login input, .login button { width: 100%; font: inherit; padding: 8px; }
  .login button { margin-top: 16px; background: #123c69; color: #fff; border: 0; border-radius: 4px; }
  .error { color: var(--bad); }
`;

function shell(lang: Lang, title: string, body: string, refresh = false): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? '<meta http-equiv="refresh" content="60">' : ''}<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The refusal reasons the chain check and the fold give, in the reader's language. */
function reasonKey(reason: string): TextKey | undefined {
  if (/does not match its hash/.test(reason)) return 'reason.hash';
  if (/does not link/.test(reason)) return 'reason.link';
  if (/is missing/.test(reason)) return 'reason.missing';
  if (/out of order/.test(reason)) return 'reason.order';
  if (/cannot be (applied|read)/.test(reason)) return 'reason.apply';
  return undefined;
}

export function loginPage(lang: Lang, error?: 'failed' | 'limited'): string {
  const t = (k: TextKey) => esc(text(lang, k));
  return shell(lang, text(lang, 'login.title'), `
<form class="login" method="post" action="/central/login?lang=${lang}">
  <h1>${t('login.title')}</h1>
  ${error ? `<p class="error" role="alert">${t(error === 'failed' ? 'login.failed' : 'login.limited')}</p>` : ''}
  <label for="username">${t('login.username')}</label><input id="username" name="username" value="admin" autocomplete="username" required>
  <label for="password">${t('login.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
  <button type="submit">${t('login.submit')}</button>
  <p><a href="?lang=${lang === 'en' ? 'zh-CN' : 'en'}">${t('page.other')}</a></p>
</form>`);
}

export function dashboardPage(view: CityView, opts: { lang: Lang; today: string; now: number; timeZone: string; badDate?: boolean }): string {
  const { lang } = opts;
  const t = (k: TextKey, p: Record<string, string | number> = {}) => esc(text(lang, k, p));
  const time = (isoOrMs: string | number) => esc(new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: opts.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(isoOrMs)));
  const pct = (x: number | null) => (x === null ? t('fig.none') : `${(x * 100).toFixed(1)}%`);
  const mins = (x: number | null) => (x === null ? t('fig.none') : t('fig.minutes', { n: x }));
  const figs = (f: Figures) => `<dl class="figs">
    <div><dt>${t('fig.issued')}</dt><dd>${f.issued}</dd></div><div><dt>${t('fig.served')}</dt><dd>${f.served}</dd></div>
    <div><dt>${t('fig.noShow')}</dt><dd>${f.noShow}</dd></div><div><dt>${t('fig.avgWait')}</dt><dd>${mins(f.avgWaitMinutes)}</dd></div>
    <div><dt>${t('fig.satisfaction')}</dt><dd>${pct(f.satisfactionRate)}</dd></div><div><dt>${t('fig.followUp')}</dt><dd>${pct(f.followUpRate)}</dd></div></dl>`;
  const status = (s: SiteFigures) => {
    const pending = s.pending > 0 ? `<small>${t('status.pending', { n: s.pending })}</small>` : '';
    if (s.status === 'refused') return `<span class="refused">${t('status.refused', { seq: s.refusal!.seq })}</span>${pending}`;
    if (s.status === 'stale') return `<span class="stale">${t('status.stale')}</span><small>${t('status.lastContact', { at: time(s.lastContactAt) })}</small>${pending}`;
    return `<span class="ok">${t('status.ok')}</span>${pending}`;
  };
  const siteName = (s: SiteFigures) => `${s.name} (${s.site})`;
  const refusedItem = (s: SiteFigures) => {
    const kind = reasonKey(s.refusal!.reason);
    const detail = kind && lang !== 'en' ? ` <small lang="en">${esc(s.refusal!.reason)}</small>` : '';
    return `${t('alert.refusedItem', { site: siteName(s), seq: s.refusal!.seq, reason: kind ? text(lang, kind) : s.refusal!.reason })}${detail}`;
  };
  const staleItem = (s: SiteFigures) => t('alert.staleItem', { site: siteName(s), at: time(s.lastContactAt) });
  const cells = (f: Figures, first = '') => `<td class="${first}">${f.issued}</td><td>${f.served}</td><td>${f.noShow}</td><td>${mins(f.avgWaitMinutes)}</td><td>${pct(f.satisfactionRate)}</td><td>${pct(f.followUpRate)}</td>`;
  const figHeads = `<th>${t('fig.issued')}</th><th>${t('fig.served')}</th><th>${t('fig.noShow')}</th><th>${t('fig.avgWait')}</th><th>${t('fig.satisfaction')}</th><th>${t('fig.followUp')}</th>`;
  const stale = view.sites.filter((s) => s.status === 'stale');
  const refused = view.sites.filter((s) => s.status === 'refused');
  const items = (list: SiteFigures[], item: (s: SiteFigures) => string) => `<ul>${list.map((s) => `<li>${item(s)}</li>`).join('')}</ul>`;
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const body = `
<header><h1>${t('page.title')}</h1><p>${t('page.subtitle')}</p>
  <nav><a href="?date=${view.date}&amp;lang=${other}" lang="${other}">${t('page.other')}</a>
  <form method="post" action="/central/logout"><button type="submit">${t('page.signOut')}</button></form></nav></header>
<main>
  <form class="date" method="get" action="/central">
    <label for="date">${t('page.date')}</label><input id="date" type="date" name="date" value="${view.date}" max="${opts.today}">
    <input type="hidden" name="lang" value="${lang}"><button type="submit">${t('page.show')}</button>
    <a href="/central?lang=${lang}">${t('page.today')}</a>
    <span>${t('page.refresh', { time: time(opts.now) })}</span>
  </form>
  ${opts.badDate ? `<p class="error" role="alert">${t('error.date')}</p>` : ''}
  ${refused.length ? `<div class="alert bad" role="alert">${t('alert.refused')}${items(refused, refusedItem)}</div>` : ''}
  ${stale.length ? `<div class="alert" role="alert">${t('alert.stale', { minutes: view.staleAfterMinutes })}${items(stale, staleItem)}</div>` : ''}
  <p class="counts"><span>${t('city.sites')} <b>${view.city.sites}</b></span><span class="ok">${t('city.reporting')} <b>${view.city.reporting}</b></span>
    <span class="stale">${t('city.stale')} <b>${view.city.stale}</b></span><span class="refused">${t('city.refused')} <b>${view.city.refused}</b></span></p>
  <div class="cards">
    <section class="card"><h2>${t('city.day', { date: view.date })}</h2>${figs(view.city.day)}</section>
    <section class="card"><h2>${t('city.month', { from: view.monthFrom, date: view.date })}</h2>${figs(view.city.month)}</section>
  </div>
  ${view.sites.length === 0 ? `<p>${t('empty')}</p>` : `<div class="scroll"><table>
    <thead><tr><th class="l" rowspan="2">${t('table.site')}</th><th colspan="6">${t('table.day')} ${view.date}</th><th colspan="6" class="m1">${t('table.month')}</th>
      <th class="l" rowspan="2">${t('table.lastEvent')}</th><th class="l" rowspan="2">${t('table.status')}</th></tr>
      <tr>${figHeads}${figHeads.replace('<th>', '<th class="m1">')}</tr></thead>
    <tbody>${view.sites.map((s) => `<tr data-site="${esc(s.site)}"><td class="l site">${esc(s.name)}<small>${esc(s.site)}</small></td>${cells(s)}${cells(s.month, 'm1')}
      <td class="l">${s.lastEventAt ? time(s.lastEventAt) : t('fig.none')}</td><td class="l state">${status(s)}</td></tr>`).join('')}</tbody>
  </table></div>`}
</main>`;
  return shell(lang, text(lang, 'page.title'), body, true);
}
