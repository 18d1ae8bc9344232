// The window actions of the contract on buttons and function keys (F1–F7, as the keypads of the hall).
export type ActionName = 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume';

export interface ActionDef {
  key: 'F1' | 'F2' | 'F3' | 'F4' | 'F5' | 'F6' | 'F7';
  /** The action; F7 toggles between pause and resume. */
  name: ActionName | 'pause-resume';
  /** Opens a dialog first (finish asks for matter and outcome; transfer for a target; pause for a reason). */
  dialog?: 'finish' | 'transfer' | 'pause';
}

export const ACTIONS: ActionDef[] = [
  { key: 'F1', name: 'call-next' },
  { key: 'F2', name: 'recall' },
  { key: 'F3', name: 'start' },
  { key: 'F4', name: 'finish', dialog: 'finish' },
  { key: 'F5', name: 'no-show' },
  { key: 'F6', name: 'transfer', dialog: 'transfer' },
  { key: 'F7', name: 'pause-resume', dialog: 'pause' },
];

export const actionForKey = (key: string) => ACTIONS.find((a) => a.key === key);
