// The admin exit: five quick taps on the top-left corner open a PIN pad; the hub checks the PIN.
import { useState } from 'react';
import { useI18n, type MessageKey } from './i18n/index.js';
import { Keypad } from './Keypad.js';
import { ApiFailure, type KioskApi } from './kiosk-link.js';

export function ExitDialog({ api, onClose }: { api: KioskApi; onClose(): void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [unlocked, setUnlocked] = useState(false);
  const check = async () => {
    try {
      await api.exit(pin);
      setUnlocked(true);
    } catch (err) {
      const status = err instanceof ApiFailure ? err.status : 0;
      setError(status === 429 ? 'exit.tooMany' : status === 409 ? 'exit.notSet' : 'exit.wrong');
      setPin('');
    }
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="exit-title" data-testid="exit-dialog">
      <div className="dialog">
        <h2 id="exit-title">{t('exit.title')}</h2>
        {unlocked ? (
          <>
            <p className="ok">{t('exit.unlocked')}</p>
            <div className="choices">
              <button type="button" className="btn btn-big" onClick={() => window.location.reload()}>{t('exit.reload')}</button>
              {/* In Chromium's kiosk mode the page's only window may close itself: that ends kiosk mode. */}
              <button type="button" className="btn btn-primary btn-big" data-testid="exit-quit" onClick={() => window.close()}>{t('exit.quit')}</button>
              <button type="button" className="btn btn-big" onClick={onClose}>{t('exit.cancel')}</button>
            </div>
          </>
        ) : (
          <>
            <p>{t('exit.prompt')}</p>
            <output className="phone-display pin" data-testid="pin-display">{'●'.repeat(pin.length) || '\u00a0'}</output>
            {error && <p className="error" role="alert" data-testid="exit-error">{t(error)}</p>}
            <Keypad label={t('exit.prompt')} onDigit={(d) => pin.length < 8 && setPin(pin + d)} onDelete={() => setPin(pin.slice(0, -1))} onClear={() => setPin('')} />
            <div className="choices">
              <button type="button" className="btn btn-big" onClick={onClose}>{t('exit.cancel')}</button>
              <button type="button" className="btn btn-primary btn-big" data-testid="exit-check" disabled={pin.length === 0} onClick={() => void check()}>{t('exit.check')}</button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
