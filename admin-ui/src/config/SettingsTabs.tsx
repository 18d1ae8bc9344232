// The smaller tabs: kiosks, hall notices (公告), center details and queue rules, and the export.
import type { FormEvent } from 'react';
import { body, formValues, lines, num, type CenterConfig, type Item } from './use-config.js';
import { describeError, usePageContext } from './page-context.js';
import { RecordTable, useRecordEditor } from './record-editor.js';
import type { Outcome } from './Feedback.js';

/** A fieldset only to disable a form for a director: no frame of its own. */
const PLAIN = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;

type Save = (method: 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<boolean>;

export function KiosksTab({ kiosks, save }: { kiosks: Item[]; save: Save }) {
  const { t } = usePageContext();
  const editor = useRecordEditor<Item>();
  const { current, closeWhenSaved } = editor;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const id = current?.id ?? v.id ?? '';
    closeWhenSaved(save('PUT', `/api/v1/config/kiosks/${encodeURIComponent(id)}`, body({ ...(current ?? {}), name: v.name, key: v.key })));
  };
  return (
    <div data-testid="kiosks-tab">
      <RecordTable
        section="kiosks" records={kiosks} editor={editor} save={save} label={t('tab.kiosks')} onSubmit={submit}
        headers={[t('col.id'), t('col.name'), t('col.keySet')]}
        nameOf={(k) => k.id}
        cells={(k) => (
          <>
            <td>{k.id}</td>
            <td>{String(k.name ?? '')}</td>
            <td>{k.key ? t('yes') : t('no')}</td>
          </>
        )}
        fields={() => (
          <>
            <label>{t('col.name')}<input name="name" defaultValue={String(current?.name ?? '')} /></label>
            <label>{t('col.kioskKey')}<input name="key" autoComplete="off" defaultValue={String(current?.key ?? '')} /></label>
          </>
        )}
      />
    </div>
  );
}

export function HallTab({ notices, save }: { notices: string[]; save: Save }) {
  const { t, readOnly } = usePageContext();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save('PUT', '/api/v1/config/sections/notices', lines(formValues(e.currentTarget).notices));
  };
  return (
    <form className="panel" onSubmit={submit} data-testid="hall-tab" key={notices.join('\n')}>
      <fieldset disabled={readOnly} style={PLAIN}>
      <label>{t('col.notices')}<textarea name="notices" rows={6} defaultValue={notices.join('\n')} /></label>
      <p><button type="submit" className="primary">{t('action.save')}</button></p>
      </fieldset>
    </form>
  );
}

const RULES = ['greenCap', 'recallsBeforeNoShow', 'reactivateBehind', 'ratingWindowSeconds', 'greenAge', 'followUpDays', 'complaintDays'] as const;
const CENTER = [['name', 'col.centerName'], ['nameEn', 'col.centerNameEn'], ['hotline', 'col.hotline'], ['address', 'col.address'], ['phone', 'col.centerPhone'], ['publicUrl', 'col.publicUrl']] as const;

export function CenterTab({ config, save }: { config: CenterConfig; save: Save }) {
  const { t, readOnly } = usePageContext();
  const center = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const next: Record<string, unknown> = { ...config.center };
    for (const [key] of CENTER) next[key] = v[key];
    void save('PUT', '/api/v1/config/sections/center', body(next));
  };
  const rules = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const next: Record<string, unknown> = { ...config.rules, timeZone: v.timeZone };
    for (const key of RULES) next[key] = num(v[key]);
    void save('PUT', '/api/v1/config/sections/rules', body(next));
  };
  return (
    <fieldset data-testid="center-tab" disabled={readOnly} style={PLAIN}>
      <form className="panel grid-form" onSubmit={center} key={`c${JSON.stringify(config.center)}`} aria-label={t('section.center')}>
        {CENTER.map(([key, label]) => (
          <label key={key}>{t(label)}<input name={key} required={key === 'name'} defaultValue={String(config.center[key] ?? '')} /></label>
        ))}
        <div className="actions wide"><button type="submit" className="primary">{t('action.save')}</button></div>
      </form>
      <form className="panel grid-form" onSubmit={rules} key={`r${JSON.stringify(config.rules)}`} aria-label={t('rules.title')}>
        <h2 className="wide">{t('rules.title')}</h2>
        {RULES.map((key) => (
          <label key={key}>{t(`rules.${key}`)}<input name={key} type="number" required defaultValue={String(config.rules[key] ?? '')} /></label>
        ))}
        <label>{t('rules.timeZone')}<input name="timeZone" required defaultValue={String(config.rules.timeZone ?? '')} /></label>
        <div className="actions wide"><button type="submit" className="primary">{t('action.save')}</button></div>
      </form>
      <p className="muted">{t('restart.note')}</p>
    </fieldset>
  );
}

export function ExportTab({ hash, report }: { hash: string | undefined; report: (o: Outcome) => void }) {
  const { t, api } = usePageContext();
  const run = () => api.download('/api/v1/config/export').then(
    (name) => report({ ok: true, text: t('export.done', { name }) }),
    (err) => report({ ok: false, text: describeError(t, err) }),
  );
  return (
    <div className="panel" data-testid="export-tab">
      <p>{t('export.text')}</p>
      <p><button type="button" className="primary" onClick={() => void run()}>{t('export.button')}</button></p>
      <p className="muted">{t('export.hash')}：<code>{hash}</code></p>
    </div>
  );
}
