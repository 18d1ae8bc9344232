// 回访: every basic / dissatisfied rating opens one with a due date; the call is recorded here
// (reached or not, what was said, resolved?). The rate is the bureau's 100% KPI.
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { time, percent } from '../format.js';
import { tOr, useI18n } from '../i18n/index.js';
import { useApi } from '../use-api.js';

interface FollowUp {
  id: string;
  ticketId: string;
  number: string;
  rating: string;
  staff: string | null;
  windowId: string | null;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  status: 'open' | 'done';
  reached: boolean | null;
  resolved: boolean | null;
  note: string | null;
  attempts: { at: string; by: string; note: string }[];
}

export function FollowUpsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<'open' | 'done' | ''>('open');
  const all = useApi<FollowUp[]>('/api/v1/follow-ups');
  const [recording, setRecording] = useState<string>();
  const [error, setError] = useState<string>();
  const list = (all.data ?? []).filter((f) => !status || f.status === status);
  const done = (all.data ?? []).filter((f) => f.status === 'done').length;
  const total = all.data?.length ?? 0;

  /** Closes the follow-up, or (the "try again" button) only records this call and keeps it open. */
  const record = async (e: FormEvent<HTMLFormElement>, id: string) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const note = String(form.get('note') ?? '');
    const again = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'again';
    try {
      if (again) await api('POST', `/api/v1/follow-ups/${id}/attempts`, { note });
      else await api('POST', `/api/v1/follow-ups/${id}`, { reached: form.get('reached') === 'on', resolved: form.get('resolved') === 'on', note });
      setRecording(undefined);
      setError(undefined);
      all.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="follow-ups">
      <h1>{t('followUps.title')}</h1>
      <p className="muted">{t('followUps.hint')}</p>
      <p className="kpi-line" data-testid="follow-up-rate">{t('followUps.rate', { rate: percent(total ? done / total : null), done, total })}</p>
      <div className="tabs" role="tablist">
        {(['open', 'done', ''] as const).map((s) => (
          <button key={s || 'all'} type="button" role="tab" aria-selected={status === s} onClick={() => setStatus(s)}>
            {s === 'open' ? t('followUps.open') : s === 'done' ? t('followUps.done') : t('common.all')}
          </button>
        ))}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {all.error && <p className="error" role="alert">{t('common.error', { message: all.error })}</p>}
      {list.length === 0 ? <p className="muted">{t('followUps.empty')}</p> : (
        <table data-testid="follow-up-rows">
          <thead>
            <tr>
              <th scope="col">{t('followUps.col.number')}</th><th scope="col">{t('followUps.col.rating')}</th><th scope="col">{t('followUps.col.staff')}</th>
              <th scope="col">{t('followUps.col.window')}</th><th scope="col">{t('followUps.col.opened')}</th><th scope="col">{t('followUps.col.due')}</th>
              <th scope="col">{t('followUps.col.result')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <tr key={f.id} data-number={f.number}>
                <td>{f.number}</td>
                <td className="warn">{tOr(t, `rating.${f.rating}`, f.rating)}</td>
                <td>{f.staff ?? ''}</td>
                <td>{f.windowId ?? ''}</td>
                <td>{time(f.openedAt)}</td>
                <td className={f.overdue ? 'bad' : undefined}>{time(f.dueAt)}{f.overdue ? ` · ${t('common.overdue')}` : ''}</td>
                <td>
                  {f.attempts.map((a, i) => <div key={i} className="history">{t('followUps.attempt', { time: time(a.at), by: a.by, note: a.note })}</div>)}
                  {f.status === 'done' ? (
                    t('followUps.result', {
                      reached: f.reached ? t('followUps.reachedYes') : t('followUps.reachedNo'),
                      resolved: f.resolved ? t('followUps.resolvedYes') : t('followUps.resolvedNo'),
                      note: f.note ?? '',
                    })
                  ) : recording === f.id ? (
                    <form className="inline-form" onSubmit={(e) => void record(e, f.id)}>
                      <label className="check"><input type="checkbox" name="reached" /> {t('followUps.reached')}</label>
                      <label className="check"><input type="checkbox" name="resolved" /> {t('followUps.resolved')}</label>
                      <label>{t('followUps.note')}<textarea name="note" maxLength={2000} required /></label>
                      <div className="actions">
                        <button type="submit" className="primary">{t('followUps.close')}</button>
                        <button type="submit" value="again">{t('followUps.again')}</button>
                        <button type="button" onClick={() => setRecording(undefined)}>{t('common.cancel')}</button>
                      </div>
                    </form>
                  ) : (
                    <button type="button" onClick={() => setRecording(f.id)}>{t('followUps.record')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
