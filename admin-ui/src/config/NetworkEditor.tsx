// 服务网点: the town stations and village rooms the kiosk lists under the center. They are part of the
// center configuration (exported with it), so they save through the configuration's item routes.
import type { FormEvent } from 'react';
import type { ApplyResult } from './config-client.js';
import { Field, FieldErrors, raw } from './content-fields.js';
import { usePageContext } from './page-context.js';
import { RecordTable, useRecordEditor } from './record-editor.js';
import { body, type Item } from './use-config.js';
import type { FieldError } from './use-kiosk-content.js';

const TEXTS = [
  ['name', 'col.name', true], ['nameEn', 'col.nameEn', false], ['area', 'col.area', true], ['areaEn', 'col.areaEn', false],
  ['address', 'col.address', true], ['addressEn', 'col.addressEn', false], ['phone', 'col.phone', true],
  ['hours', 'col.pointHours', true], ['hoursEn', 'col.pointHoursEn', false],
] as const;

export function NetworkEditor({ points, hash, apply, reload, save, error }: {
  points: Item[];
  hash: string | undefined;
  apply: (call: () => Promise<ApplyResult>, reload: () => Promise<unknown>) => Promise<boolean>;
  reload: () => Promise<unknown>;
  save: (method: 'DELETE', path: string) => Promise<boolean>;
  error: FieldError | undefined;
}) {
  const { t, api } = usePageContext();
  const editor = useRecordEditor<Item>();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const id = editor.current?.id ?? raw(form, 'id');
    // Optional English texts left empty are left out; required ones are sent empty so the hub names them.
    const point: Record<string, unknown> = { ...(editor.current ?? {}), level: raw(form, 'level') };
    for (const [key, , required] of TEXTS) point[key] = raw(form, key) || (required ? '' : undefined);
    editor.closeWhenSaved(apply(() => api.call<ApplyResult>('PUT', `/api/v1/config/network/${encodeURIComponent(id)}`, body(point), hash), reload));
  };
  return (
    <div data-testid="network-editor">
      <p className="muted">{t('content.networkNote')}</p>
      <FieldErrors.Provider value={{ base: '', error }}>
        <RecordTable
          section="network" records={points} editor={editor} save={save} label={t('content.network')} onSubmit={submit}
          headers={[t('col.level'), t('col.area'), t('col.name'), t('col.phone'), t('col.pointHours')]}
          rowTestId={(p) => `point-${p.id}`}
          nameOf={(p) => String(p.name)}
          cells={(p) => (
            <>
              <td>{t(`level.${String(p.level)}` as 'level.room')}</td>
              <td>{String(p.area)}</td>
              <td>{String(p.name)}</td>
              <td>{String(p.phone)}</td>
              <td>{String(p.hours)}</td>
            </>
          )}
          fields={() => (
            <>
              <label>{t('col.level')}
                <select name="level" defaultValue={String(editor.current?.level ?? 'room')}>
                  {(['station', 'room', 'center'] as const).map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
                </select>
              </label>
              {TEXTS.map(([key, label, required]) => (
                <Field key={key} name={key} label={t(label)} value={editor.current?.[key] as string | undefined} required={required} />
              ))}
            </>
          )}
        />
      </FieldErrors.Provider>
    </div>
  );
}
