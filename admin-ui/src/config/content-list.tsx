// One list of a kiosk content document (guides, commitments, Q&A categories or items) in the
// configuration's RecordTable: add, edit, delete and, where the kiosk shows them in order, move up and
// down. Every change saves the whole list through `commit`; a refused save keeps the form open with the
// hub's message next to the field it names.
import { useState, type FormEvent, type ReactNode } from 'react';
import { FieldErrors, moved } from './content-fields.js';
import { RecordTable, useRecordEditor } from './record-editor.js';
import type { FieldError } from './use-kiosk-content.js';

export function ContentList<R extends { id: string }>(props: {
  section: string;
  records: R[];
  /** Where the list sits in the document sent: '' for a list document, 'items' for the Q&A items. */
  path: string;
  label: string;
  headers: string[];
  cells: (record: R) => ReactNode;
  nameOf: (record: R) => string;
  rowTestId?: (record: R) => string;
  /** The form's fields for a record (undefined: a new one). */
  fields: (current: R | undefined) => ReactNode;
  /** The record the submitted form describes (a new one takes its id from the form). */
  read: (form: HTMLFormElement, current: R | undefined) => R;
  commit: (next: R[]) => Promise<boolean>;
  error: FieldError | undefined;
  /** Order is what the kiosk shows; `sameGroup` keeps a move within, e.g., one Q&A category. */
  movable?: boolean;
  sameGroup?: (a: R, b: R) => boolean;
  newIdField?: ReactNode;
}) {
  const { records, path, commit, movable, sameGroup } = props;
  const editor = useRecordEditor<R>();
  const [base, setBase] = useState('');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const current = editor.current;
    const record = props.read(e.currentTarget, current);
    const index = current ? records.findIndex((r) => r.id === current.id) : records.length;
    setBase(`${path}[${index}]`);
    const next = [...records];
    next[index] = record;
    editor.closeWhenSaved(commit(next));
  };
  return (
    <FieldErrors.Provider value={{ base, error: props.error }}>
      <RecordTable
        section={props.section} records={records} editor={editor} label={props.label} onSubmit={submit}
        headers={props.headers} cells={props.cells} nameOf={props.nameOf} rowTestId={props.rowTestId}
        remove={(r) => { setBase(''); void commit(records.filter((x) => x.id !== r.id)); }}
        move={movable ? (r, by) => { setBase(''); void commit(moved(records, records.indexOf(r), by, sameGroup)); } : undefined}
        newIdField={props.newIdField}
        fields={() => props.fields(editor.current)}
      />
    </FieldErrors.Provider>
  );
}
