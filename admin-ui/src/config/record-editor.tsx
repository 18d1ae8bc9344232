// The list tabs' editing pattern (services, windows, kiosks, staff, kiosk content): a table whose rows
// have edit and delete links (and up/down where order is what the kiosk shows), an add button under it,
// and one form below for the record being edited or added. A director sees the same tables read-only,
// so the links and the add button are not shown to them.
import { useState, type FormEvent, type ReactNode } from 'react';
import { usePageContext } from './page-context.js';

/** Which record the form edits: one from the list, a new one, or none (form closed). */
export function useRecordEditor<R>() {
  const [editing, setEditing] = useState<R | 'new'>();
  const close = () => setEditing(undefined);
  return {
    editing,
    /** The record being edited; undefined while adding. */
    current: editing === 'new' ? undefined : editing,
    edit: (record: R | 'new') => setEditing(record),
    close,
    /** Closes the form once a save succeeds; a refused save keeps it open with what was typed. */
    closeWhenSaved: (saved: Promise<boolean>) => void saved.then((ok) => ok && close()),
  };
}

/** A row's edit link, up/down when `onMove` is given, and, when `onDelete` is given, a delete link that asks first naming `name`. */
export function RowActions({ name, onEdit, onDelete, onMove }: { name: string; onEdit: () => void; onDelete?: () => void; onMove?: (by: -1 | 1) => void }) {
  const { t, readOnly } = usePageContext();
  if (readOnly) return null;
  return (
    <>
      {onMove && <button type="button" className="link" aria-label={`${t('action.up')} ${name}`} onClick={() => onMove(-1)}>{t('action.up')}</button>}
      {onMove && <button type="button" className="link" aria-label={`${t('action.down')} ${name}`} onClick={() => onMove(1)}>{t('action.down')}</button>}
      <button type="button" className="link" onClick={onEdit}>{t('action.edit')}</button>
      {onDelete && <button type="button" className="link" onClick={() => window.confirm(t('action.confirmDelete', { name })) && onDelete()}>{t('action.delete')}</button>}
    </>
  );
}

/** The button under a table that opens the form for a new record. */
export function AddButton({ onClick, label }: { onClick: () => void; label?: string }) {
  const { t, readOnly } = usePageContext();
  return readOnly ? null : <p><button type="button" onClick={onClick}>{label ?? t('action.add')}</button></p>;
}

/** The edit form with Save and Cancel; `formKey` remounts it per record so its defaults are that record's. */
export function EditForm({ label, formKey, onSubmit, onCancel, children }: { label: string; formKey: string; onSubmit: (e: FormEvent<HTMLFormElement>) => void; onCancel: () => void; children: ReactNode }) {
  const { t } = usePageContext();
  return (
    <form className="panel grid-form" onSubmit={onSubmit} key={formKey} aria-label={label}>
      {children}
      <div className="actions wide">
        <button type="submit" className="primary">{t('action.save')}</button>
        <button type="button" onClick={onCancel}>{t('action.cancel')}</button>
      </div>
    </form>
  );
}

/** The id field of a new record (ids cannot change afterwards: other records refer to them). */
export function NewIdField() {
  const { t } = usePageContext();
  return <label>{t('col.id')}<input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,39}" /></label>;
}

type Editor<R> = ReturnType<typeof useRecordEditor<R>>;

/**
 * A configuration section's records (`/api/v1/config/<section>/<id>`): the table with edit and delete
 * links per row, the add button, and the edit form (`fields`, after the id field of a new record).
 * Records kept elsewhere (kiosk content) pass `remove` instead of the configuration's DELETE, `move`
 * where order matters, and `newIdField` when a new record's id is chosen rather than typed.
 */
export function RecordTable<R extends { id: string }>(props: {
  section: string;
  records: R[];
  headers: string[];
  cells: (record: R) => ReactNode;
  nameOf: (record: R) => string;
  rowTestId?: (record: R) => string;
  editor: Editor<R>;
  save?: (method: 'DELETE', path: string) => Promise<boolean>;
  remove?: (record: R) => void;
  move?: (record: R, by: -1 | 1) => void;
  newIdField?: ReactNode;
  label: string;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  fields: () => ReactNode;
}) {
  const { section, records, headers, cells, nameOf, rowTestId, editor, save, move, label, onSubmit, fields } = props;
  const remove = props.remove ?? ((r: R) => void save?.('DELETE', `/api/v1/config/${section}/${encodeURIComponent(r.id)}`));
  return (
    <>
      <table>
        <thead>
          <tr>{headers.map((h) => <th key={h}>{h}</th>)}<th /></tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id} data-testid={rowTestId?.(r)}>
              {cells(r)}
              <td className="actions">
                <RowActions name={nameOf(r)} onEdit={() => editor.edit(r)} onDelete={() => remove(r)} onMove={move && ((by) => move(r, by))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddButton onClick={() => editor.edit('new')} />
      {editor.editing && (
        <EditForm label={label} formKey={editor.current?.id ?? 'new'} onSubmit={onSubmit} onCancel={editor.close}>
          {!editor.current && (props.newIdField ?? <NewIdField />)}
          {fields()}
        </EditForm>
      )}
    </>
  );
}
