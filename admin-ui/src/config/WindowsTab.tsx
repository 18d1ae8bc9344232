// 窗口: the services each window serves, its AB岗 posts (A, and B who covers) and its screen key.
import type { FormEvent } from 'react';
import { body, formValues, type Item } from './use-config.js';
import { usePageContext } from './page-context.js';
import { RecordTable, useRecordEditor } from './record-editor.js';

interface Props {
  windows: Item[];
  services: Item[];
  usernames: { username: string; name: string }[];
  save: (method: 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<boolean>;
}

export function WindowsTab({ windows, services, usernames, save }: Props) {
  const { t } = usePageContext();
  const editor = useRecordEditor<Item>();
  const { current, closeWhenSaved } = editor;
  const posts = (w: Item | undefined) => (w?.posts ?? {}) as { A?: string; B?: string };
  const nameOf = (u: string | undefined) => (u ? usernames.find((s) => s.username === u)?.name ?? u : '—');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const v = formValues(e.currentTarget);
    const id = current?.id ?? v.id ?? '';
    const item = {
      ...(current ?? {}), name: v.name, nameEn: v.nameEn, category: v.category, screenKey: v.screenKey,
      services: data.getAll('services').map(String),
      posts: v.postA || v.postB ? { A: v.postA, B: v.postB } : undefined,
    };
    closeWhenSaved(save('PUT', `/api/v1/config/windows/${encodeURIComponent(id)}`, body(item)));
  };
  return (
    <div data-testid="windows-tab">
      <RecordTable
        section="windows" records={windows} editor={editor} save={save} label={t('tab.windows')} onSubmit={submit}
        headers={[t('col.id'), t('col.name'), t('col.category'), t('col.services'), t('col.postA'), t('col.postB'), t('col.keySet')]}
        rowTestId={(w) => `window-${w.id}`}
        nameOf={(w) => String(w.name)}
        cells={(w) => (
          <>
            <td>{w.id}</td>
            <td>{String(w.name)}</td>
            <td>{String(w.category ?? '')}</td>
            <td>{(w.services as string[]).map((id) => String(services.find((s) => s.id === id)?.name ?? id)).join('、')}</td>
            <td>{nameOf(posts(w).A)}</td>
            <td>{nameOf(posts(w).B)}</td>
            <td>{w.screenKey ? t('yes') : t('no')}</td>
          </>
        )}
        fields={() => (
          <>
            <label>{t('col.name')}<input name="name" required defaultValue={String(current?.name ?? '')} /></label>
            <label>{t('col.nameEn')}<input name="nameEn" defaultValue={String(current?.nameEn ?? '')} /></label>
            <label>{t('col.category')}<input name="category" defaultValue={String(current?.category ?? '')} /></label>
            <fieldset className="wide">
              <legend>{t('col.services')}</legend>
              {services.map((s) => (
                <label className="check" key={s.id}>
                  <input type="checkbox" name="services" value={s.id} defaultChecked={((current?.services as string[] | undefined) ?? []).includes(s.id)} />
                  {String(s.name)}
                </label>
              ))}
            </fieldset>
            {(['A', 'B'] as const).map((p) => (
              <label key={p}>{t(p === 'A' ? 'col.postA' : 'col.postB')}
                <select name={`post${p}`} defaultValue={posts(current)[p] ?? ''}>
                  <option value="">{t('none')}</option>
                  {posts(current)[p] && !usernames.some((s) => s.username === posts(current)[p]) && <option value={posts(current)[p]}>{posts(current)[p]}</option>}
                  {usernames.map((s) => <option key={s.username} value={s.username}>{s.name}（{s.username}）</option>)}
                </select>
              </label>
            ))}
            <label>{t('col.screenKey')}<input name="screenKey" autoComplete="off" defaultValue={String(current?.screenKey ?? '')} /></label>
          </>
        )}
      />
    </div>
  );
}
