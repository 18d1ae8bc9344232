// 统计报表: daily (per window), weekly (last week by window and service, trend against the 4 weeks
// before for 需求研判), monthly and half-yearly. The export buttons fetch the same report from the
// same query code as this page; print CSS turns the page into a clean A4 PDF.
import { useMemo, type FormEvent } from 'react';
import { download, qs } from '../api.js';
import { BarChart } from '../components/Chart.js';
import { Kpi } from '../components/Kpi.js';
import { StatsTable, type StatsRow } from '../components/StatsTable.js';
import { dateTime, num, percent } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { useApi } from '../use-api.js';

const KINDS = ['daily', 'weekly', 'monthly', 'half-yearly'] as const;
type Kind = (typeof KINDS)[number];

type Row = StatsRow & { label: string };
interface Report {
  period: { kind: Kind; fromDay: string; toDay: string; id: string };
  generatedAt: string;
  totals: StatsRow;
  byWindow: Row[];
  byService: Row[];
  byStaff: Row[];
  byDay: Row[];
  followUps: { opened: number; done: number; onTime: number; overdue: number; rate: number | null };
  complaints: { registered: number; closed: number; closedOnTime: number; overdue: number };
  trend: { id: string; fromDay: string; toDay: string; totals: StatsRow }[] | null;
  demand: { serviceId: string; label: string; issued: number; baseline: number; change: number | null }[] | null;
}

export function ReportsPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const kind: Kind = (KINDS as readonly string[]).includes(query.get('kind') ?? '') ? (query.get('kind') as Kind) : 'daily';
  const date = query.get('date') ?? undefined;
  const { data: r, error } = useApi<Report>(`/api/v1/reports/${kind}${qs({ date })}`);
  const pick = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = String(new FormData(e.currentTarget).get('date') ?? '');
    navigate('reports', d ? { kind, date: d } : { kind });
  };
  const exportAs = (format: 'csv' | 'xlsx') => void download(`/api/v1/reports/${kind}/export${qs({ date: r?.period.fromDay ?? date, format })}`);
  return (
    <section className="reports">
      <div className="tabs no-print" role="tablist">
        {KINDS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={k === kind} onClick={() => navigate('reports', { kind: k })}>{t(`reports.kind.${k}`)}</button>
        ))}
      </div>
      <form className="filters no-print" onSubmit={pick} key={`${kind}${date ?? ''}`}>
        <label>{t('reports.date')}<input type="date" name="date" defaultValue={date ?? r?.period.fromDay} /></label>
        <div className="actions">
          <button type="submit" className="primary">{t('ledger.query')}</button>
          <button type="button" onClick={() => exportAs('csv')}>{t('common.exportCsv')}</button>
          <button type="button" onClick={() => exportAs('xlsx')}>{t('common.exportXlsx')}</button>
          <button type="button" onClick={() => window.print()}>{t('common.print')}</button>
        </div>
      </form>
      {error && <p className="error" role="alert">{t('common.error', { message: error })}</p>}
      {!r ? <p>{t('common.loading')}</p> : <ReportBody r={r} />}
    </section>
  );
}

function ReportBody({ r }: { r: Report }) {
  const { t } = useI18n();
  const s = r.totals;
  const byWindowChart = useMemo(() => ({
    labels: r.byWindow.map((w) => w.label),
    series: [
      { label: t('stats.issued'), data: r.byWindow.map((w) => w.issued) },
      { label: t('stats.served'), data: r.byWindow.map((w) => w.served) },
      { label: t('stats.satisfaction'), data: r.byWindow.map((w) => (w.satisfactionRate === null ? null : w.satisfactionRate * 100)), percent: true, type: 'line' as const },
    ],
  }), [r, t]);
  const byServiceChart = useMemo(() => ({
    labels: r.byService.map((w) => w.label),
    series: [{ label: t('stats.issued'), data: r.byService.map((w) => w.issued) }, { label: t('stats.served'), data: r.byService.map((w) => w.served) }],
  }), [r, t]);
  const trendChart = useMemo(() => r.trend && ({
    labels: r.trend.map((w) => w.id),
    series: [
      { label: t('stats.issued'), data: r.trend.map((w) => w.totals.issued) },
      { label: t('stats.satisfaction'), data: r.trend.map((w) => (w.totals.satisfactionRate === null ? null : w.totals.satisfactionRate * 100)), percent: true, type: 'line' as const },
    ],
  }), [r, t]);
  return (
    <article className="report" data-testid="report">
      <header>
        <h1>{t(`reports.kind.${r.period.kind}`)} <small>{t('reports.period', { from: r.period.fromDay, to: r.period.toDay, id: r.period.id })}</small></h1>
        <p className="muted">{t('reports.generated', { time: dateTime(r.generatedAt) })}</p>
      </header>
      <section className="kpis">
        <Kpi label={t('stats.issued')} value={s.issued} testId="report-issued" />
        <Kpi label={t('stats.served')} value={s.served} hint={`${t('stats.noShow')} ${s.noShow} · ${t('stats.transfers')} ${s.transfers}`} testId="report-served" />
        <Kpi label={t('stats.avgWait')} value={num(s.avgWaitMinutes)} hint={`P90 ${num(s.p90WaitMinutes)}`} testId="report-wait" />
        <Kpi label={t('stats.avgHandling')} value={num(s.avgHandlingMinutes)} hint={`P90 ${num(s.p90HandlingMinutes)} · ${t('stats.overTimeLimit')} ${s.overTimeLimit}`} testId="report-handling" />
        <Kpi label={t('stats.satisfaction')} value={percent(s.satisfactionRate)} hint={`${t('stats.rated')} ${s.rated}`} tone={s.satisfactionRate === null ? undefined : s.satisfactionRate >= 0.9 ? 'good' : 'bad'} testId="report-satisfaction" />
        <Kpi label={t('stats.followUpRate')} value={percent(r.followUps.rate)} hint={`${r.followUps.done}/${r.followUps.opened}`} tone={r.followUps.rate === null ? undefined : r.followUps.rate >= 1 ? 'good' : 'warn'} testId="report-followup" />
      </section>
      <table className="summary">
        <tbody>
          <tr>
            <th scope="row">{t('rating.very-satisfied')}</th><td>{s.ratings['very-satisfied']}</td>
            <th scope="row">{t('rating.satisfied')}</th><td>{s.ratings.satisfied}</td>
            <th scope="row">{t('rating.basic')}</th><td>{s.ratings.basic}</td>
            <th scope="row">{t('rating.dissatisfied')}</th><td>{s.ratings.dissatisfied}</td>
          </tr>
          <tr>
            <th scope="row">{t('stats.followUpsOpened')}</th><td>{r.followUps.opened}</td>
            <th scope="row">{t('stats.followUpsDone')}</th><td>{r.followUps.done}</td>
            <th scope="row">{t('stats.followUpsOnTime')}</th><td>{r.followUps.onTime}</td>
            <th scope="row">{t('stats.followUpsOverdue')}</th><td>{r.followUps.overdue}</td>
          </tr>
          <tr>
            <th scope="row">{t('stats.complaintsRegistered')}</th><td>{r.complaints.registered}</td>
            <th scope="row">{t('stats.complaintsClosed')}</th><td>{r.complaints.closed}</td>
            <th scope="row">{t('stats.complaintsOnTime')}</th><td>{r.complaints.closedOnTime}</td>
            <th scope="row">{t('stats.complaintsOverdue')}</th><td>{r.complaints.overdue}</td>
          </tr>
        </tbody>
      </table>

      {r.trend && trendChart && (
        <section className="block">
          <h2>{t('reports.trend')}</h2>
          <BarChart title={t('reports.trend')} labels={trendChart.labels} series={trendChart.series} testId="trend-chart" />
          {r.demand && (
            <>
              <h2>{t('reports.demand')}</h2>
              <table data-testid="demand">
                <thead><tr><th scope="col">{t('ledger.service')}</th><th scope="col">{t('reports.demand.issued')}</th><th scope="col">{t('reports.demand.baseline')}</th><th scope="col">{t('reports.demand.change')}</th></tr></thead>
                <tbody>
                  {r.demand.map((d) => (
                    <tr key={d.serviceId}><th scope="row">{d.label}</th><td>{d.issued}</td><td>{d.baseline}</td><td className={d.change !== null && d.change > 0.2 ? 'warn' : undefined}>{d.change === null ? '—' : `${d.change > 0 ? '+' : ''}${percent(d.change)}`}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}

      <section className="block">
        <h2>{t('reports.byWindow')}</h2>
        <BarChart title={t('reports.byWindow')} labels={byWindowChart.labels} series={byWindowChart.series} testId="window-chart" />
        <StatsTable rows={r.byWindow} group={t('today.window')} testId="by-window" />
      </section>
      <section className="block">
        <h2>{t('reports.byService')}</h2>
        <BarChart title={t('reports.byService')} labels={byServiceChart.labels} series={byServiceChart.series} />
        <StatsTable rows={r.byService} group={t('today.service')} testId="by-service" />
      </section>
      <section className="block">
        <h2>{t('reports.byStaff')}</h2>
        <StatsTable rows={r.byStaff} group={t('today.staff')} />
      </section>
      {r.period.kind !== 'daily' && (
        <section className="block">
          <h2>{t('reports.byDay')}</h2>
          <StatsTable rows={r.byDay} group={t('reports.date')} />
        </section>
      )}
    </article>
  );
}
