// The dialogs before an action: finish (matter and outcome, with quick picks), transfer (a service or a
// window, and a note), pause (a reason). Enter confirms, Escape cancels; focus starts in the first field.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { list, t, type Lang } from '../i18n/index.js';
import type { ServiceItem, WindowView } from './types.js';

function Modal({ title, lang, onCancel, onSubmit, children }: { title: string; lang: Lang; onCancel: () => void; onSubmit: () => void; children: ReactNode }) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <div className="backdrop">
      <form ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" onSubmit={submit} data-testid="dialog">
        <h2 id="dialog-title">{title}</h2>
        {children}
        <div className="dialog-buttons">
          <button type="submit" className="primary" data-testid="dialog-confirm">{t('console.confirm', {}, lang)}</button>
          <button type="button" onClick={onCancel}>{t('console.cancel', {}, lang)}</button>
        </div>
      </form>
    </div>
  );
}

function QuickPicks({ items, onPick, label }: { items: string[]; onPick: (v: string) => void; label: string }) {
  return (
    <div className="quick" role="group" aria-label={label}>
      {items.map((x) => <button key={x} type="button" onClick={() => onPick(x)}>{x}</button>)}
    </div>
  );
}

export function FinishDialog({ serviceName, matters: configured, lang, onCancel, onConfirm }: { serviceName: string | null; matters: string[]; lang: Lang; onCancel: () => void; onConfirm: (b: { matter?: string; outcome?: string }) => void }) {
  const [matter, setMatter] = useState('');
  const [outcome, setOutcome] = useState('');
  // The service's own matters when configured, else the service name and general ones.
  const matters = configured.length > 0 ? configured : [...new Set([...(serviceName ? [serviceName] : []), ...list('console.matters.default', lang)])];
  return (
    <Modal title={t('console.finish.title', {}, lang)} lang={lang} onCancel={onCancel} onSubmit={() => onConfirm({ matter: matter.trim() || undefined, outcome: outcome.trim() || undefined })}>
      <label>{t('console.finish.matter', {}, lang)}<input value={matter} onChange={(e) => setMatter(e.target.value)} maxLength={200} data-testid="finish-matter" /></label>
      <QuickPicks items={matters} onPick={setMatter} label={`${t('console.finish.quick', {}, lang)} ${t('console.finish.matter', {}, lang)}`} />
      <label>{t('console.finish.outcome', {}, lang)}<textarea value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={2000} rows={3} data-testid="finish-outcome" /></label>
      <QuickPicks items={list('console.outcomes', lang)} onPick={setOutcome} label={`${t('console.finish.quick', {}, lang)} ${t('console.finish.outcome', {}, lang)}`} />
    </Modal>
  );
}

export function TransferDialog({ services, windows, lang, onCancel, onConfirm }: {
  services: ServiceItem[]; windows: WindowView[]; lang: Lang; onCancel: () => void; onConfirm: (b: { toServiceId?: string; toWindowId?: string; note?: string }) => void;
}) {
  const [toServiceId, setService] = useState('');
  const [toWindowId, setWindow] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = () => {
    if (!toServiceId && !toWindowId) return setMissing(true);
    onConfirm({ toServiceId: toServiceId || undefined, toWindowId: toWindowId || undefined, note: note.trim() || undefined });
  };
  return (
    <Modal title={t('console.transfer.title', {}, lang)} lang={lang} onCancel={onCancel} onSubmit={submit}>
      <label>{t('console.transfer.service', {}, lang)}
        <select value={toServiceId} onChange={(e) => setService(e.target.value)} data-testid="transfer-service">
          <option value="">{t('console.transfer.none', {}, lang)}</option>
          {services.map((s) => <option key={s.id} value={s.id}>{lang === 'en' ? s.nameEn : s.name}</option>)}
        </select>
      </label>
      <label>{t('console.transfer.window', {}, lang)}
        <select value={toWindowId} onChange={(e) => setWindow(e.target.value)} data-testid="transfer-window">
          <option value="">{t('console.transfer.none', {}, lang)}</option>
          {windows.map((w) => <option key={w.id} value={w.id}>{lang === 'en' ? w.nameEn ?? w.name : w.name}</option>)}
        </select>
      </label>
      <label>{t('console.transfer.note', {}, lang)}<input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} data-testid="transfer-note" /></label>
      {missing && <p className="error" role="alert">{t('console.transfer.needTarget', {}, lang)}</p>}
    </Modal>
  );
}

export function PauseDialog({ lang, onCancel, onConfirm }: { lang: Lang; onCancel: () => void; onConfirm: (b: { reason: string }) => void }) {
  const reasons = list('console.pause.reasons', lang);
  const [reason, setReason] = useState(reasons[0] ?? '');
  return (
    <Modal title={t('console.pause.title', {}, lang)} lang={lang} onCancel={onCancel} onSubmit={() => reason.trim() && onConfirm({ reason: reason.trim() })}>
      <label>{t('console.pause.reason', {}, lang)}<input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={60} data-testid="pause-reason" /></label>
      <QuickPicks items={reasons} onPick={setReason} label={t('console.pause.reason', {}, lang)} />
    </Modal>
  );
}
