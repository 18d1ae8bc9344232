// The kiosk's own numeric keypad (no system keyboard): digits, delete and clear, big touch targets.
import { useI18n } from './i18n/index.js';

export function Keypad({ onDigit, onDelete, onClear, label }: { onDigit(d: string): void; onDelete(): void; onClear(): void; label: string }) {
  const { t } = useI18n();
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <div className="keypad" role="group" aria-label={label}>
      {keys.map((k) => (
        <button key={k} type="button" className="key" onClick={() => onDigit(k)}>{k}</button>
      ))}
      <button type="button" className="key key-fn" onClick={onClear}>{t('phone.clear')}</button>
      <button type="button" className="key" onClick={() => onDigit('0')}>0</button>
      <button type="button" className="key key-fn" onClick={onDelete}>{t('phone.delete')}</button>
    </div>
  );
}
