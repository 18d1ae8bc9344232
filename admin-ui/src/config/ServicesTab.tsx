// 业务: prefix, names, materials (一次性告知), time limit (限时办结), discreet. Edits keep the fields this
// form does not show (English materials, hours) as they are.
import type { FormEvent } from 'react';
import { body, formValues, lines, num, type Item } from './use-config.js';
import { usePageContext } from './page-context.js';
import { RecordTable, useRecordEditor } from './record-editor.js';

interface Props {
  services: Item[];
  save: (method: 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<boolean>;
}

export function ServicesTab({ services, save }: Props) {
  const { t } = usePageContext();
  const editor = useRecordEditor<Item>();
  const { editing, current, closeWhenSaved } = editor;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const base = editing === 'new' || !editing ? {} : editing;
    const id = editing === 'new' ? v.id ?? '' : (base as Item).id;
    const item = {
      ...base, prefix: v.prefix, name: v.name, nameEn: v.nameEn, description: v.description, descriptionEn: v.descriptionEn,
      materials: lines(v.materials), timeLimitMinutes: num(v.timeLimitMinutes), waitAlertMinutes: num(v.waitAlertMinutes), hours: v.hours,
      discreet: new FormData(e.currentTarget).get('discreet') === 'on',
    };
    closeWhenSaved(save('PUT', `/api/v1/config/services/${encodeURIComponent(id)}`, body(item)));
  };
  return (
    <div data-testid="services-tab">
      <RecordTable
        section="services" records={services} editor={editor} save={save} label={t('tab.services')} onSubmit={submit}
        headers={[t('col.prefix'), t('col.name'), t('col.nameEn'), t('col.timeLimit'), t('col.materialsCount'), t('col.discreetShort')]}
        rowTestId={(s) => `service-${s.id}`}
        nameOf={(s) => String(s.name)}
        cells={(s) => (
          <>
            <td><b>{String(s.prefix)}</b></td>
            <td>{String(s.name)}</td>
            <td>{String(s.nameEn)}</td>
            <td>{String(s.timeLimitMinutes)}</td>
            <td>{(s.materials as string[]).length}</td>
            <td>{s.discreet ? t('yes') : t('no')}</td>
          </>
        )}
        fields={() => (
          <>
            <label>{t('col.prefix')}<input name="prefix" required defaultValue={String(current?.prefix ?? '')} /></label>
            <label>{t('col.name')}<input name="name" required defaultValue={String(current?.name ?? '')} /></label>
            <label>{t('col.nameEn')}<input name="nameEn" required defaultValue={String(current?.nameEn ?? '')} /></label>
            <label>{t('col.timeLimit')}<input name="timeLimitMinutes" type="number" required defaultValue={String(current?.timeLimitMinutes ?? 30)} /></label>
            <label>{t('col.waitAlert')}<input name="waitAlertMinutes" type="number" defaultValue={current?.waitAlertMinutes === undefined ? '' : String(current.waitAlertMinutes)} /></label>
            <label>{t('col.hours')}<input name="hours" defaultValue={String(current?.hours ?? '')} /></label>
            <label className="wide">{t('col.description')}<input name="description" defaultValue={String(current?.description ?? '')} /></label>
            <label className="wide">{t('col.descriptionEn')}<input name="descriptionEn" defaultValue={String(current?.descriptionEn ?? '')} /></label>
            <label className="wide">{t('col.materials')}<textarea name="materials" defaultValue={((current?.materials as string[] | undefined) ?? []).join('\n')} /></label>
            <label className="check wide"><input type="checkbox" name="discreet" defaultChecked={current?.discreet === true} />{t('col.discreet')}</label>
          </>
        )}
      />
    </div>
  );
}
