// 数据保留与审计: the retention period of personal data (admin sets it; a daily check purges), every reveal
// of a visitor's full data (who, when, which ticket, why), and every administrative change.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ApplyResult, Change } from './config-client.js';
import { Feedback, type Outcome } from './Feedback.js';
import { CONFIG_SAVED_EVENT, describeChanges, describeError, usePage, type PageProps } from './page-context.js';
import { textOr } from './texts.js';

interface Reveal { seq: number; at: string; number: string; by: string; role: string; reason: string; windowId: string | null }
interface ChangeRow { seq: number; at: string; type: string; by: string; source: string | null; changes: Change[]; before: string | null; purged: number | null }

const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export function AuditPage(props: PageProps) {
  const page = usePage(props);
  const { t, lang, api } = page;
  const [range, setRange] = useState(() => ({ from: day(new Date(Date.now() - 29 * 86_400_000)), to: day(new Date()) }));
  const [reveals, setReveals] = useState<Reveal[]>();
  const [changes, setChanges] = useState<ChangeRow[]>();
  const [retention, setRetention] = useState<{ days: number; hash: string; editable: boolean }>();
  const [outcome, setOutcome] = useState<Outcome>();
  const when = (iso: string) => new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', hour12: false });

  const load = useCallback(async () => {
    const q = `?from=${range.from}&to=${range.to}`;
    try {
      const [r, c, cfg] = await Promise.all([
        api.get<Reveal[]>(`/api/v1/audit/reveals${q}`),
        api.get<ChangeRow[]>(`/api/v1/audit/changes${q}`),
        api.get<{ config: { retention: { personalDataDays: number } }; configHash: string }>('/api/v1/config'),
      ]);
      setReveals(r);
      setChanges(c);
      setRetention({ days: cfg.config.retention.personalDataDays, hash: cfg.configHash, editable: props.session?.role !== 'director' });
    } catch (err) {
      setOutcome({ ok: false, text: describeError(t, err) });
    }
  }, [api, range, t, props.session?.role]);
  useEffect(() => void load(), [load]);
  // A save on the configuration page beside this one shows up in the change log at once.
  useEffect(() => {
    const again = () => void load();
    window.addEventListener(CONFIG_SAVED_EVENT, again);
    return () => window.removeEventListener(CONFIG_SAVED_EVENT, again);
  }, [load]);

  const query = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setRange({ from: String(data.get('from')), to: String(data.get('to')) });
  };
  const saveRetention = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const days = Number(new FormData(e.currentTarget).get('days'));
    api.call<ApplyResult>('PUT', '/api/v1/config/sections/retention', { personalDataDays: days }, retention?.hash).then(
      (r) => { setOutcome({ ok: true, text: t('saved', { what: describeChanges(t, r.changes) }) }); void load(); },
      (err) => setOutcome({ ok: false, text: describeError(t, err) }),
    );
  };
  const what = (c: ChangeRow) => (c.type === 'personal.purged' ? t('purge.what', { before: c.before ?? '', n: c.purged ?? 0 }) : describeChanges(t, c.changes));

  return (
    <section className="audit-page" data-testid="audit-page">
      <h1>{t('audit.title')} <small>{t('audit.sub')}</small></h1>
      <Feedback outcome={outcome} />
      {retention && (
        <form className="panel" onSubmit={saveRetention} aria-label={t('retention.title')} key={retention.days}>
          <h2>{t('retention.title')}</h2>
          <div className="actions">
            <label>{t('retention.days')}<input name="days" type="number" min={30} max={3650} required defaultValue={retention.days} disabled={!retention.editable} /></label>
            {retention.editable && <button type="submit" className="primary">{t('action.save')}</button>}
          </div>
          <p className="muted">{t('retention.note')}</p>
        </form>
      )}
      <form className="filters" onSubmit={query}>
        <label>{t('audit.from')}<input type="date" name="from" defaultValue={range.from} required /></label>
        <label>{t('audit.to')}<input type="date" name="to" defaultValue={range.to} required /></label>
        <button type="submit">{t('audit.query')}</button>
      </form>
      <div className="panel">
        <h2>{t('audit.reveals')}</h2>
        {reveals && reveals.length === 0 ? <p className="muted">{t('audit.empty')}</p> : (
          <table data-testid="reveal-log">
            <thead><tr><th>{t('audit.at')}</th><th>{t('audit.by')}</th><th>{t('audit.role')}</th><th>{t('audit.ticket')}</th><th>{t('audit.window')}</th><th>{t('audit.reason')}</th></tr></thead>
            <tbody>
              {(reveals ?? []).map((r) => (
                <tr key={r.seq}><td>{when(r.at)}</td><td>{r.by}</td><td>{textOr(t, `role.${r.role}`, r.role)}</td><td>{r.number}</td><td>{r.windowId ?? '—'}</td><td>{r.reason}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h2>{t('audit.changes')}</h2>
        {changes && changes.length === 0 ? <p className="muted">{t('audit.empty')}</p> : (
          <table data-testid="change-log">
            <thead><tr><th>{t('audit.at')}</th><th>{t('audit.by')}</th><th>{t('audit.type')}</th><th>{t('audit.what')}</th><th>{t('audit.source')}</th></tr></thead>
            <tbody>
              {(changes ?? []).map((c) => (
                <tr key={c.seq}>
                  <td>{when(c.at)}</td><td>{c.by}</td><td>{textOr(t, `type.${c.type}`, c.type)}</td><td>{what(c)}</td>
                  <td>{c.source ? textOr(t, `audit.source.${c.source}`, c.source) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
