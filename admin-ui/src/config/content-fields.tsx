// Form parts of the kiosk content editors: a labelled input (or text area) that shows the hub's message
// next to itself when the last save was refused on it, and moving an item up or down in its list.
import { createContext, useContext } from 'react';
import type { FieldError } from './use-kiosk-content.js';

/** The refused field and where the edited record sits in the document sent (`[2]`, `items[5]`). */
export const FieldErrors = createContext<{ base: string; error: FieldError | undefined }>({ base: '', error: undefined });

/** The hub's message when it refused `name` of the record at `base` (`[2].steps[1]` counts for `steps`). */
export function errorFor(base: string, error: FieldError | undefined, name: string): string | undefined {
  if (!error) return undefined;
  const path = base ? `${base}.${name}` : name;
  return error.field === path || error.field.startsWith(`${path}[`) || error.field.startsWith(`${path}.`) ? error.message : undefined;
}

export function Field({ name, label, value, multiline, required = true, wide, rows }: {
  name: string; label: string; value: string | undefined; multiline?: boolean; required?: boolean; wide?: boolean; rows?: number;
}) {
  const { base, error } = useContext(FieldErrors);
  const message = errorFor(base, error, name);
  const id = `content-error-${name}`;
  const common = { name, required, defaultValue: value ?? '', 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? id : undefined };
  // The message sits beside the label, not in it, so the field keeps its name; aria-describedby ties them.
  return (
    <div className={wide || multiline ? 'wide field' : 'field'}>
      <label>
        {label}
        {multiline ? <textarea rows={rows ?? 3} {...common} /> : <input {...common} />}
      </label>
      {message && <span className="error" id={id} role="alert" data-testid={`field-error-${name}`}>{message}</span>}
    </div>
  );
}

/** The list with item `index` swapped with the next one before (-1) or after (+1) that `sameGroup` accepts. */
export function moved<T>(list: T[], index: number, by: -1 | 1, sameGroup: (a: T, b: T) => boolean = () => true): T[] {
  let j = index + by;
  while (j >= 0 && j < list.length && !sameGroup(list[index]!, list[j]!)) j += by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[index], next[j]] = [next[j]!, next[index]!];
  return next;
}

/** The form's value of a field, empty strings kept, so the hub names what is missing. */
export const raw = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim();
