// 今日: the hall right now. Refreshes on every call, queue and window event of the hall's realtime
// channel, and every 15 s for the clocks (waits grow without events).
import { useEffect, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import { BarChart } from '../components/Chart.js';
import { Kpi } from '../components/Kpi.js';
import { clock, percent } from '../format.js';
import { tOr, useI18n, type Translate } from '../i18n/index.js';
import { useApi } from '../use-api.js';

interface Dashboard {
  at: string;
  totals: { issued: number; served: number; noShow: number; avgWaitMinutes: number | null; rated: number; satisfactionRate: number | null };
  waiting: number;
  longestWait: { service: string; number: string; minutes: number } | null;
  services: { id: string; name: string; nameEn: string; waiting: number; longestWaitMinutes: number | null; threshold: number }[];
  windows: { id: string; name: string; status: 'open' | 'paused' | 'closed'; staff: string | null; post: string | null; pauseReason: string | null; pausedMinutes: number | null; current: { number: string; status: string } | null; servedToday: number }[];
  callsPerHour: { hour: number; calls: number }[];
  followUps: { opened: number; done: number; overdue: number; rate: number | null };
  devices: { id: string; kind: string; state: string; detail?: string }[];
  alerts: Alert[];
}

type Alert =
  | { kind: 'long-wait'; service: string; number: string; minutes: number; threshold: number }
  | { kind: 'device'; deviceId: string; deviceKind: string; state: string; detail: string | null }
  | { kind: 'paused'; window: string; minutes: number; reason: string | null };

function alertText(t: Translate, a: Alert): string {
  switch (a.kind) {
    case 'long-wait':
      return t('today.alert.long-wait', { service: a.service, number: a.number, minutes: a.minutes, threshold: a.threshold });
    case 'device':
      return t('today.alert.device', { device: a.deviceId, kind: tOr(t, `deviceKind.${a.deviceKind}`, a.deviceKind), state: tOr(t, `device.${a.state}`, a.state) }) + (a.detail ? ` — ${a.detail}` : '');
    case 'paused':
      return t('today.alert.paused', { window: a.window, minutes: a.minutes, reason: a.reason ? `（${a.reason}）` : '' });
  }
}

export function TodayPage() {
  const { t, lang } = useI18n();
  const { data, error, reload } = useApi<Dashboard>('/api/v1/dashboard');
  useEffect(() => {
    const socket = io('/display', { query: { room: 'hall' }, transports: ['websocket', 'polling'] });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    };
    for (const ev of ['call', 'queue', 'window']) socket.on(ev, soon);
    const every = setInterval(reload, 15_000);
    return () => {
      clearTimeout(timer);
      clearInterval(every);
      socket.disconnect();
    };
  }, [reload]);
  if (error) return <p className="error" role="alert">{t('common.error', { message: error })}</p>;
  if (!data) return <p>{t('common.loading')}</p>;
  const sat = data.totals.satisfactionRate;
  const fu = data.followUps;
  return (
    <section className="today">
      <h1>{t('today.title')} <small className="live">● {t('today.live')} · {t('common.updatedAt', { time: clock(data.at) })}</small></h1>
      <div className="kpis">
        <Kpi label={t('today.issued')} value={data.totals.issued} testId="kpi-issued" />
        <Kpi label={t('today.served')} value={data.totals.served} hint={`${t('today.noShow')} ${data.totals.noShow}`} testId="kpi-served" />
        <Kpi label={t('today.waiting')} value={data.waiting} testId="kpi-waiting" />
        <Kpi
          label={t('today.longestWait')}
          value={data.longestWait ? t('common.minutes', { n: data.longestWait.minutes }) : '—'}
          hint={data.longestWait ? t('today.longestWaitOf', { number: data.longestWait.number, service: data.longestWait.service }) : undefined}
          testId="kpi-longest"
        />
        <Kpi label={t('today.satisfaction')} value={percent(sat)} hint={t('today.rated', { n: data.totals.rated })} tone={sat === null ? undefined : sat >= 0.9 ? 'good' : 'bad'} testId="kpi-satisfaction" />
        <Kpi label={t('today.followUpRate')} value={percent(fu.rate)} hint={t('today.followUpOpen', { open: fu.opened - fu.done, overdue: fu.overdue })} tone={fu.rate === null ? undefined : fu.rate >= 1 ? 'good' : 'warn'} testId="kpi-followup" />
      </div>

      <section className="panel alerts" aria-live="polite">
        <h2>{t('today.alerts')}</h2>
        {data.alerts.length === 0 ? <p className="muted">{t('today.noAlerts')}</p> : (
          <ul data-testid="alerts">{data.alerts.map((a, i) => <li key={i} className={`alert ${a.kind}`}>{alertText(t, a)}</li>)}</ul>
        )}
      </section>

      <div className="columns">
        <section className="panel">
          <h2>{t('today.services')}</h2>
          <table data-testid="services">
            <thead><tr><th scope="col">{t('today.service')}</th><th scope="col">{t('today.waitingCount')}</th><th scope="col">{t('today.longest')}</th></tr></thead>
            <tbody>
              {data.services.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{lang === 'en' ? s.nameEn : s.name}</th>
                  <td>{s.waiting}</td>
                  <td className={s.longestWaitMinutes !== null && s.longestWaitMinutes >= s.threshold ? 'bad' : undefined}>{s.longestWaitMinutes === null ? '—' : t('common.minutes', { n: s.longestWaitMinutes })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>{t('today.windows')}</h2>
          <table data-testid="windows">
            <thead><tr><th scope="col">{t('today.window')}</th><th scope="col">{t('today.staff')}</th><th scope="col">{t('today.state')}</th><th scope="col">{t('today.current')}</th><th scope="col">{t('today.servedToday')}</th></tr></thead>
            <tbody>
              {data.windows.map((w) => (
                <tr key={w.id}>
                  <th scope="row">{w.name}</th>
                  <td>{w.staff ? `${w.staff}${w.post ? ` (${w.post})` : ''}` : '—'}</td>
                  <td className={`wstate ${w.status}`}>{t(`window.${w.status}`)}{w.pausedMinutes !== null ? ` ${t('common.minutes', { n: w.pausedMinutes })}` : ''}{w.pauseReason ? ` · ${w.pauseReason}` : ''}</td>
                  <td>{w.current ? `${w.current.number} ${tOr(t, `status.${w.current.status}`, w.current.status)}` : '—'}</td>
                  <td>{w.servedToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <div className="columns">
        <section className="panel">
          <h2>{t('today.callsPerHour')}</h2>
          <BarChart title={t('today.callsPerHour')} labels={data.callsPerHour.map((h) => `${h.hour}:00`)} series={[{ label: t('today.calls'), data: data.callsPerHour.map((h) => h.calls) }]} testId="calls-chart" />
        </section>
        <section className="panel">
          <h2>{t('today.devices')}</h2>
          <DeviceTable devices={data.devices} />
        </section>
      </div>
    </section>
  );
}

export function DeviceTable({ devices, action }: { devices: Dashboard['devices']; action?: (id: string, kind: string) => ReactNode }) {
  const { t } = useI18n();
  if (devices.length === 0) return <p className="muted">{t('devices.none')}</p>;
  return (
    <table data-testid="devices">
      <thead><tr><th scope="col">{t('devices.id')}</th><th scope="col">{t('devices.kind')}</th><th scope="col">{t('devices.state')}</th><th scope="col">{t('devices.detail')}</th>{action && <th scope="col">{t('common.actions')}</th>}</tr></thead>
      <tbody>
        {devices.map((d) => (
          <tr key={d.id}>
            <th scope="row">{d.id}</th>
            <td>{tOr(t, `deviceKind.${d.kind}`, d.kind)}</td>
            <td className={`dstate ${d.state}`}>{tOr(t, `device.${d.state}`, d.state)}</td>
            <td>{d.detail ?? ''}</td>
            {action && <td>{action(d.id, d.kind)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
