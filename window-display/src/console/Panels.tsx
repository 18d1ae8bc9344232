// The console's read panels: the current visit (masked, with the audited reveal), the queue of the
// window's services, and the staff member's own day.
import { useEffect, useState, type FormEvent } from 'react';
import { t, type Lang } from '../i18n/index.js';
import { api, ApiFailure, messageIn } from './api.js';
import type { CurrentVisit, Revealed, Today, WindowQueue } from './types.js';

const REVEAL_SHOWN_MS = 60_000;

function Reveal({ ticketId, token, lang }: { ticketId: string; token: string; lang: Lang }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<Revealed | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), REVEAL_SHOWN_MS); // the full identity does not stay on screen
    return () => clearTimeout(timer);
  }, [shown]);
  useEffect(() => {
    setShown(null);
    setOpen(false);
    setReason('');
  }, [ticketId]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<Revealed>('POST', `/api/v1/tickets/${encodeURIComponent(ticketId)}/reveal`, token, { reason: reason.trim() });
      setShown(r.body);
      setOpen(false);
    } catch (err) {
      const f = err as ApiFailure;
      setError(f.status === 404 && f.code === 'not-found' ? t('console.revealUnavailable', {}, lang) : f.code === 'network' ? t('console.error.network', {}, lang) : messageIn(f.message, lang));
    }
  };
  if (shown) {
    return (
      <div className="revealed" data-testid="revealed">
        <dl>
          <dt>{t('console.visitorName', {}, lang)}</dt><dd>{shown.name ?? '—'}</dd>
          <dt>{t('console.visitorPhone', {}, lang)}</dt><dd>{shown.phone ?? '—'}</dd>
          <dt>{t('console.visitorId', {}, lang)}</dt><dd>{shown.idNumber ?? '—'}</dd>
        </dl>
        <button type="button" onClick={() => setShown(null)}>{t('console.revealHide', {}, lang)}</button>
      </div>
    );
  }
  if (!open) return <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="reveal">{t('console.reveal', {}, lang)}</button>;
  return (
    <form className="reveal-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('console.revealReason', {}, lang)}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={4} maxLength={200} autoFocus data-testid="reveal-reason" />
      </label>
      <button type="submit">{t('console.revealSubmit', {}, lang)}</button>
      <button type="button" onClick={() => setOpen(false)}>{t('console.cancel', {}, lang)}</button>
      {error && <p className="error" role="alert" data-testid="reveal-error">{error}</p>}
    </form>
  );
}

export function CurrentPanel({ current, token, lang }: { current: CurrentVisit | null; token: string; lang: Lang }) {
  return (
    <section className="panel current" aria-labelledby="current-title" data-testid="current">
      <h2 id="current-title">{t('console.current', {}, lang)}</h2>
      {!current ? (
        <p className="muted">{t('console.noCurrent', {}, lang)}</p>
      ) : (
        <>
          <p className="big-number">{current.number}</p>
          <p>
            <span className={`status ${current.status}`}>{t(current.status === 'serving' ? 'console.status.serving' : 'console.status.called', {}, lang)}</span>{' '}
            {current.serviceName}
            {current.priority === 'green' && <span className="tag green">{t('console.green', {}, lang)}</span>}
            {current.transfers.length > 0 && <span className="tag">{t('console.transferred', {}, lang)}</span>}
          </p>
          {current.status === 'called' && current.recalls > 0 && <p className="muted">{t('console.recalls', { n: current.recalls, max: current.recallsBeforeNoShow }, lang)}</p>}
          {current.transfers.map((x, i) => x.note && <p key={i} className="note">↪ {x.note}</p>)}
          <h3>{t('console.visitor', {}, lang)}</h3>
          {current.visitor ? (
            <>
              <dl data-testid="visitor-masked">
                <dt>{t('console.visitorName', {}, lang)}</dt><dd>{current.visitor.nameMasked ?? '—'}</dd>
                <dt>{t('console.visitorPhone', {}, lang)}</dt><dd>{current.visitor.phoneMasked ?? '—'}</dd>
                <dt>{t('console.visitorId', {}, lang)}</dt><dd>{current.visitor.idNumberMasked ?? '—'}</dd>
              </dl>
              <Reveal ticketId={current.ticketId} token={token} lang={lang} />
            </>
          ) : (
            <p className="muted">{t('console.noPersonal', {}, lang)}</p>
          )}
        </>
      )}
    </section>
  );
}

export function QueuePanel({ queue, lang }: { queue: WindowQueue | null; lang: Lang }) {
  return (
    <section className="panel queue" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title">{t('console.queue', {}, lang)}</h2>
      {queue?.handedIn.length ? (
        <div className="service-queue">
          <h3>{t('console.handedIn', {}, lang)}</h3>
          <ol>{queue.handedIn.map((x) => <li key={x.ticketId}>{x.number}</li>)}</ol>
        </div>
      ) : null}
      {queue?.services.map((s) => (
        <div key={s.serviceId} className={`service-queue${s.alert ? ' alert' : ''}`} data-testid={`queue-${s.serviceId}`}>
          <h3>
            {lang === 'en' ? s.nameEn : s.name} <span className="count">{t('console.waitingCount', { n: s.waiting }, lang)}</span>
            {s.waiting > 0 && <span className="muted"> · {t('console.longest', { m: s.longestWaitMinutes }, lang)}</span>}
            {s.alert && s.alertMinutes !== null && <span className="tag alert" role="img" aria-label={t('console.alert', { m: s.alertMinutes }, lang)}>⚠ {t('console.alert', { m: s.alertMinutes }, lang)}</span>}
          </h3>
          <ol>
            {s.tickets.map((x) => (
              <li key={x.ticketId} className={x.priority === 'green' ? 'green' : undefined}>
                <b>{x.number}</b> <span className="muted">{t('console.minutes', { m: x.waitedMinutes }, lang)}</span>
                {x.priority === 'green' && <span className="tag green">{t('console.green', {}, lang)}</span>}
                {x.transferred && <span className="tag">{t('console.transferred', {}, lang)}</span>}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

export function TodayPanel({ today, lang }: { today: Today | null; lang: Lang }) {
  if (!today) return null;
  const rate = today.satisfactionRate === null ? '—' : `${Math.round(today.satisfactionRate * 100)}%`;
  return (
    <section className="panel today" aria-labelledby="today-title" data-testid="today">
      <h2 id="today-title">{t('console.today', {}, lang)}</h2>
      <dl className="figures">
        <div><dt>{t('console.today.called', {}, lang)}</dt><dd data-testid="today-called">{today.called}</dd></div>
        <div><dt>{t('console.today.served', {}, lang)}</dt><dd data-testid="today-served">{today.served}</dd></div>
        <div><dt>{t('console.today.noShow', {}, lang)}</dt><dd>{today.noShow}</dd></div>
        <div><dt>{t('console.today.transferred', {}, lang)}</dt><dd>{today.transferred}</dd></div>
        <div><dt>{t('console.today.avg', {}, lang)}</dt><dd>{today.avgHandlingMinutes === null ? '—' : t('console.minutes', { m: today.avgHandlingMinutes }, lang)}</dd></div>
        <div><dt>{t('console.today.satisfaction', {}, lang)}</dt><dd data-testid="today-satisfaction">{rate}</dd></div>
      </dl>
      <ul className="ratings">
        {(['very-satisfied', 'satisfied', 'basic', 'dissatisfied'] as const).map((r) => (
          <li key={r}>{t(`rating.${r}`, {}, lang)} <b>{today.ratings[r]}</b></li>
        ))}
      </ul>
    </section>
  );
}
