// 工作人员: accounts with title (and its English for the screens' English text), employee number and phone (sealed in the hub; shown masked), the seat-card
// photo (checked here and again by the hub), and whereabouts (去向) for the window screens.
import type { ChangeEvent, FormEvent } from 'react';
import { formValues } from './use-config.js';
import { announceSaved, describeError, usePageContext } from './page-context.js';
import type { Outcome } from './Feedback.js';
import { AddButton, EditForm, RowActions, useRecordEditor } from './record-editor.js';

export interface StaffRecord {
  id: string;
  username: string;
  name: string;
  title: string;
  titleEn: string | null;
  employeeNo: string;
  role: string;
  photo: string | null;
  whereabouts: string;
  whereaboutsNote: string | null;
  windowId: string | null;
  phoneMasked: string | null;
}

const WHEREABOUTS = ['on-duty', 'away', 'out', 'leave'] as const;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX = 512 * 1024;

function base64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function StaffTab({ staff, reload, report }: { staff: StaffRecord[]; reload: () => void; report: (o: Outcome) => void }) {
  const { t, api } = usePageContext();
  const { editing, current, edit, close, closeWhenSaved } = useRecordEditor<StaffRecord>();
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      report({ ok: true, text: ok });
      reload();
      announceSaved();
      return true;
    } catch (err) {
      report({ ok: false, text: describeError(t, err) });
      return false;
    }
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    if (!current) {
      closeWhenSaved(run(() => api.call('POST', '/api/v1/staff', { username: v.username, password: v.password, name: v.name, title: v.title, titleEn: v.titleEn, employeeNo: v.employeeNo, role: v.role, phone: v.phone }), t('staff.created', { username: v.username ?? '' })));
      return;
    }
    const remove = new FormData(form).get('phoneRemove') === 'on';
    // an emptied English title is removed (null); the screens then show the Chinese one
    const changes = { name: v.name, title: v.title, titleEn: v.titleEn ?? null, employeeNo: v.employeeNo, phone: remove ? null : v.phone };
    closeWhenSaved(run(async () => {
      await api.call('PUT', `/api/v1/config/staff/${encodeURIComponent(current.id)}`, changes);
      if (v.whereabouts !== current.whereabouts || (v.whereaboutsNote ?? null) !== current.whereaboutsNote) {
        await api.call('POST', `/api/v1/staff/${encodeURIComponent(current.id)}/whereabouts`, { whereabouts: v.whereabouts, note: v.whereaboutsNote });
      }
    }, t('saved', { what: `${v.name ?? current.name}` })));
  };
  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file || !current) return;
    if (!PHOTO_TYPES.includes(file.type)) return report({ ok: false, text: t('staff.photoType') });
    if (file.size > PHOTO_MAX) return report({ ok: false, text: t('staff.photoTooLarge') });
    void run(async () => api.call('POST', `/api/v1/config/staff/${encodeURIComponent(current.id)}/photo`, { contentType: file.type, data: await base64(file) }), t('staff.photoSaved'));
  };
  return (
    <div data-testid="staff-tab">
      <table>
        <thead>
          <tr><th>{t('col.photo')}</th><th>{t('col.name')}</th><th>{t('col.username')}</th><th>{t('col.title')}</th><th>{t('col.titleEn')}</th><th>{t('col.employeeNo')}</th><th>{t('col.role')}</th><th>{t('col.phone')}</th><th>{t('col.whereabouts')}</th><th>{t('col.window')}</th><th /></tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id} data-testid={`staff-${s.username}`}>
              <td>{s.photo ? <img src={s.photo} alt={s.name} width={36} height={48} style={{ objectFit: 'cover' }} /> : '—'}</td>
              <td>{s.name}</td>
              <td>{s.username}</td>
              <td>{s.title}</td>
              <td lang="en">{s.titleEn ?? '—'}</td>
              <td>{s.employeeNo}</td>
              <td>{t(`role.${s.role as 'staff' | 'director' | 'admin'}`)}</td>
              <td>{s.phoneMasked ?? '—'}</td>
              <td>{t(`where.${s.whereabouts as (typeof WHEREABOUTS)[number]}`)}{s.whereaboutsNote ? `（${s.whereaboutsNote}）` : ''}</td>
              <td>{s.windowId ?? '—'}</td>
              <td><RowActions name={s.name} onEdit={() => edit(s)} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddButton onClick={() => edit('new')} label={t('staff.new')} />
      {editing && (
        <EditForm label={t('tab.staff')} formKey={current?.id ?? 'new'} onSubmit={submit} onCancel={close}>
          {!current && (
            <>
              <label>{t('col.username')}<input name="username" required pattern="[a-z][a-z0-9._\-]{1,31}" /></label>
              <label>{t('col.password')}<input name="password" type="password" required minLength={8} autoComplete="new-password" /></label>
              <label>{t('col.role')}
                <select name="role" defaultValue="staff">
                  <option value="staff">{t('role.staff')}</option>
                  <option value="director">{t('role.director')}</option>
                </select>
              </label>
            </>
          )}
          <label>{t('col.name')}<input name="name" required defaultValue={current?.name ?? ''} /></label>
          <label>{t('col.title')}<input name="title" required defaultValue={current?.title ?? ''} /></label>
          <label>{t('col.titleEn')}<input name="titleEn" lang="en" maxLength={60} defaultValue={current?.titleEn ?? ''} /></label>
          <label>{t('col.employeeNo')}<input name="employeeNo" required defaultValue={current?.employeeNo ?? ''} /></label>
          <label>{current ? t('col.phoneNew') : t('col.phone')}<input name="phone" type="tel" inputMode="tel" placeholder={current?.phoneMasked ?? ''} /></label>
          {current?.phoneMasked && <label className="check"><input type="checkbox" name="phoneRemove" />{t('col.phoneRemove')}</label>}
          {current && (
            <>
              <label>{t('col.whereabouts')}
                <select name="whereabouts" defaultValue={current.whereabouts}>
                  {WHEREABOUTS.map((w) => <option key={w} value={w}>{t(`where.${w}`)}</option>)}
                </select>
              </label>
              <label>{t('col.whereaboutsNote')}<input name="whereaboutsNote" maxLength={60} defaultValue={current.whereaboutsNote ?? ''} /></label>
              <label className="wide">{t('col.photoUpload')}<input type="file" accept={PHOTO_TYPES.join(',')} onChange={upload} data-testid="photo-input" /></label>
            </>
          )}
        </EditForm>
      )}
    </div>
  );
}
