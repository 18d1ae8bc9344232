// 窗口: the services each window serves, its AB岗 posts (A, and B who covers) and its screen key.
import { useState, type FormEvent } from 'react';
import { body, formValues, type Item } from './use-config.js';
import { usePageContext } from './page-context.js';

interface Props {
  windows: Item[];
  services: Item[];
  usernames: { username: string; name: string }[];
  save: (method: 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<boolean>;
}

export function WindowsTab({ windows, services, usernames, save }: Props) {
  const { t, readOnly } = usePageContext();
  const [editing, setEditing] = useState<Item | 'new'>();
  const current = editing === 'new' ? undefined : editing;
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
    void save('PUT', `/api/v1/config/windows/${encodeURIComponent(id)}`, body(item)).then((ok) => ok && setEditing(undefined));
  };
  return (
    <div data-testid="windows-tab">
      <table>
        <thead>
          <tr><th>{t('col.id')}</th><th>{t('col.name')}</th><th>{t('col.category')}</th><th>{t('col.services')}</th><th>{t('col.postA')}</th><th>{t('col.postB')}</th><th>{t('col.keySet')}</th><th /></tr>
        </thead>
        <tbody>
          {windows.map((w) => (
            <tr key={w.id} data-testid={`window-${w.id}`}>
              <td>{w.id}</td>
              <td>{String(w.name)}</td>
              <td>{String(w.category ?? '')}</td>
              <td>{(w.services as string[]).map((id) => String(services.find((s) => s.id === id)?.name ?? id)).join('、')}</td>
              <td>{nameOf(posts(w).A)}</td>
              <td>{nameOf(posts(w).B)}</td>
              <td>{w.screenKey ? t('yes') : t('no')}</td>
              <td className="actions">
                {!readOnly && (
                  <>
                    <button type="button" className="link" onClick={() => setEditing(w)}>{t('action.edit')}</button>
                    <button type="button" className="link" onClick={() => window.confirm(t('action.confirmDelete', { name: String(w.name) })) && void save('DELETE', `/api/v1/config/windows/${encodeURIComponent(w.id)}`)}>{t('action.delete')}</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && <p><button type="button" onClick={() => setEditing('new')}>{t('action.add')}</button></p>}
      {editing && (
        <form className="panel grid-form" onSubmit={submit} key={current?.id ?? 'new'} aria-label={t('tab.windows')}>
          {!current && <label>{t('col.id')}<input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,39}" /></label>}
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
          <div className="actions wide">
            <button type="submit" className="primary">{t('action.save')}</button>
            <button type="button" onClick={() => setEditing(undefined)}>{t('action.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
