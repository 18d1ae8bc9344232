// 投诉: register (channel, whom / which window, content), assign (交办), handle within the time limit,
// feed back to the complainant, close. Overdue ones are flagged. Every step is a ledger event.
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { dateTime, time } from '../format.js';
import { tOr, useI18n } from '../i18n/index.js';
import { useApi } from '../use-api.js';

interface Complaint {
  id: string;
  channel: string;
  subject: string;
  content: string;
  windowId: string | null;
  staffId: string | null;
  registeredAt: string;
  dueAt: string;
  status: 'open' | 'handling' | 'closed';
  overdue: boolean;
  reply: string | null;
  assignee: string | null;
  feedback: { at: string; channel: string; note: string; satisfied: boolean | null } | null;
  history: { at: string; status: string; reply: string }[];
}

interface Option { id: string; name: string }

const CHANNELS = ['window', 'phone', '12348', 'letter', 'online', 'other'] as const;
const FEEDBACK = ['phone', 'sms', 'letter', 'in-person', 'online'] as const;

/** The set, trimmed fields of a form. */
function fields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) out[k] = v.trim();
  return out;
}

export function ComplaintsPage() {
  const { t } = useI18n();
  const list = useApi<Complaint[]>('/api/v1/complaints');
  const windows = useApi<Option[]>('/api/v1/windows').data ?? [];
  const staff = useApi<Option[]>('/api/v1/staff').data ?? [];
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [open, setOpen] = useState<{ id: string; action: 'assign' | 'handle' | 'feedback' }>();

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(undefined);
      setOpen(undefined);
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const register = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    void run(async () => {
      const c = await api<Complaint>('POST', '/api/v1/complaints', fields(form));
      setNotice(t('complaints.registered', { due: dateTime(c.dueAt) }));
      form.reset();
    });
  };
  const act = (e: FormEvent<HTMLFormElement>, c: Complaint, action: 'assign' | 'handle' | 'feedback') => {
    e.preventDefault();
    const f = fields(e.currentTarget);
    const satisfied = new FormData(e.currentTarget).get('satisfied') === 'on';
    void run(() =>
      action === 'assign' ? api('POST', `/api/v1/complaints/${c.id}/assign`, f)
        : action === 'handle' ? api('POST', `/api/v1/complaints/${c.id}`, f)
          : api('POST', `/api/v1/complaints/${c.id}/feedback`, { ...f, satisfied }),
    );
  };

  return (
    <section className="complaints">
      <h1>{t('complaints.title')}</h1>
      <details className="panel" open>
        <summary>{t('complaints.register')}</summary>
        <form className="grid-form" onSubmit={register} aria-label={t('complaints.register')}>
          <label>{t('complaints.channel')}<select name="channel" required>{CHANNELS.map((c) => <option key={c} value={c}>{t(`complaints.channel.${c}`)}</option>)}</select></label>
          <label>{t('complaints.window')}<select name="windowId" defaultValue=""><option value="">—</option>{windows.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}</select></label>
          <label>{t('complaints.staff')}<select name="staffId" defaultValue=""><option value="">—</option>{staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select></label>
          <label>{t('complaints.contact')}<input name="contact" inputMode="tel" maxLength={20} /></label>
          <label className="wide">{t('complaints.subject')}<input name="subject" required maxLength={100} /></label>
          <label className="wide">{t('complaints.content')}<textarea name="content" required maxLength={5000} /></label>
          <div className="actions"><button type="submit" className="primary">{t('complaints.register')}</button></div>
        </form>
      </details>
      {notice && <p className="notice ok" role="status">{notice}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {(list.data ?? []).length === 0 ? <p className="muted">{t('complaints.empty')}</p> : (
        <table data-testid="complaint-rows">
          <thead>
            <tr>
              <th scope="col">{t('complaints.registeredAt')}</th><th scope="col">{t('complaints.channel')}</th><th scope="col">{t('complaints.subject')}</th>
              <th scope="col">{t('complaints.concerns')}</th><th scope="col">{t('complaints.assignee')}</th><th scope="col">{t('complaints.due')}</th>
              <th scope="col">{t('complaints.status')}</th><th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).slice().reverse().map((c) => (
              <tr key={c.id}>
                <td>{time(c.registeredAt)}</td>
                <td>{tOr(t, `complaints.channel.${c.channel}`, c.channel)}</td>
                <td>
                  <b>{c.subject}</b>
                  <div className="muted">{c.content}</div>
                  {c.history.map((h, i) => <div key={i} className="history">{time(h.at)} {tOr(t, `complaints.status.${h.status}`, h.status)}：{h.reply}</div>)}
                  {c.feedback && <div className="history">{t('complaints.feedbackDone', { time: time(c.feedback.at), channel: tOr(t, `complaints.feedbackChannel.${c.feedback.channel}`, c.feedback.channel), note: c.feedback.note })}</div>}
                </td>
                <td>{[c.windowId && windows.find((w) => w.id === c.windowId)?.name, c.staffId && staff.find((s) => s.id === c.staffId)?.name].filter(Boolean).join(' · ')}</td>
                <td>{c.assignee ?? ''}</td>
                <td className={c.overdue ? 'bad' : undefined}>{time(c.dueAt)}{c.overdue ? ` · ${t('common.overdue')}` : ''}</td>
                <td>{t(`complaints.status.${c.status}`)}</td>
                <td className="row-actions">
                  {c.status !== 'closed' && (['assign', 'handle'] as const).map((a) => (
                    <button key={a} type="button" onClick={() => setOpen({ id: c.id, action: a })}>{t(a === 'assign' ? 'complaints.assign' : 'complaints.handle')}</button>
                  ))}
                  {c.status !== 'open' && !c.feedback && <button type="button" onClick={() => setOpen({ id: c.id, action: 'feedback' })}>{t('complaints.feedback')}</button>}
                  {open?.id === c.id && (
                    <form className="inline-form" onSubmit={(e) => act(e, c, open.action)}>
                      {open.action === 'assign' && (
                        <>
                          <label>{t('complaints.assignee')}<select name="staffId" required>{staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select></label>
                          <label>{t('complaints.reply')}<input name="note" maxLength={500} /></label>
                        </>
                      )}
                      {open.action === 'handle' && (
                        <>
                          <label>{t('complaints.status')}
                            <select name="status"><option value="handling">{t('complaints.status.handling')}</option><option value="closed">{t('complaints.status.closed')}</option></select>
                          </label>
                          <label>{t('complaints.reply')}<textarea name="reply" required maxLength={5000} /></label>
                        </>
                      )}
                      {open.action === 'feedback' && (
                        <>
                          <label>{t('complaints.feedbackChannel')}<select name="channel">{FEEDBACK.map((f) => <option key={f} value={f}>{t(`complaints.feedbackChannel.${f}`)}</option>)}</select></label>
                          <label>{t('complaints.feedbackNote')}<textarea name="note" required maxLength={2000} /></label>
                          <label className="check"><input type="checkbox" name="satisfied" /> {t('complaints.feedbackSatisfied')}</label>
                        </>
                      )}
                      <div className="actions">
                        <button type="submit" className="primary">{t('common.save')}</button>
                        <button type="button" onClick={() => setOpen(undefined)}>{t('common.cancel')}</button>
                      </div>
                    </form>
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
