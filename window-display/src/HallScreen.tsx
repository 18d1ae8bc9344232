// The waiting hall's LED/TV wall: the latest call big and flashing, the last calls, waiting per service,
// a scrolling notice line, a clock and the connection state; voice calls through the Announcer.
// Chinese first, English second.
import { useEffect, useMemo, useState } from 'react';
import { announcementText } from '../../server/speech/announcement.js';
import { Announcer, type VoiceKind } from './announcer.js';
import { connectDisplay, initialFeed, type FeedState } from './display-feed.js';
import { t, tEn } from './i18n/index.js';
import { autoplayFlag, defaultSettings, fetchSettings, type ScreenSettings } from './screen-settings.js';
import { useClock } from './use-clock.js';

function Notices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  const line = notices.join('　　◆　　');
  return (
    <section className="notices" aria-label={`${t('hall.notices')} ${tEn('hall.notices')}`}>
      <span className="notices-label">{t('hall.notices')}</span>
      <div className="ticker" data-testid="notices">
        <span className="ticker-line">{line}</span>
        <span className="ticker-line" aria-hidden="true">{line}</span>
      </div>
    </section>
  );
}

export function HallScreen() {
  const [feed, setFeed] = useState<FeedState>(initialFeed);
  const [settings, setSettings] = useState<ScreenSettings>(defaultSettings);
  const [soundOn, setSoundOn] = useState(false);
  const [voice, setVoice] = useState<VoiceKind | null>(null);
  const now = useClock();
  const announcer = useMemo(() => new Announcer({ repeat: defaultSettings.announce.repeat, chime: true, hubSpeech: false }), []);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      fetchSettings().then((s) => {
        if (cancelled) return;
        setSettings(s);
        announcer.update({ repeat: s.announce.repeat, chime: s.announce.chime, hubSpeech: s.speech.engine === 'espeak-ng' });
        setVoice(announcer.voice());
      }).catch(() => undefined);
    // Browsers load their voices late: say which voice calls will use once they are known.
    const onVoices = () => setVoice(announcer.voice());
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.addEventListener?.('voiceschanged', onVoices);
    void load();
    setSoundOn(announcer.chime.allowed || autoplayFlag());
    const socket = connectDisplay('hall', (update) => setFeed(update), {}, { onFreshCall: (call) => announcer.enqueue(call) });
    socket.on('connect', () => void load()); // notices may have changed while the hub was away
    socket.on('settings', () => void load()); // the admin changed notices or announcements just now
    return () => {
      cancelled = true;
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.removeEventListener?.('voiceschanged', onVoices);
      socket.disconnect();
    };
  }, [announcer]);

  const enableSound = () => void announcer.chime.unlock().then(setSoundOn);
  const [latest, ...earlier] = feed.calls;
  const words = latest ? announcementText(latest) : undefined;
  return (
    <main className="hall" data-voice={voice ?? undefined}>
      <header>
        <h1>{settings.centerName || t('hall.title')} <small lang="en">{settings.centerName ? t('hall.title') : tEn('hall.title')}</small></h1>
        <time dateTime={now.toISOString()}>{now.toLocaleTimeString('zh-CN', { hour12: false })}</time>
        <span className={feed.connected ? 'link ok' : 'link down'} role="status" data-testid="link">
          {feed.connected ? t('link.ok') : `${t('link.down')} / ${tEn('link.connecting')}`}
        </span>
      </header>
      <section key={latest?.id ?? 0} className={`latest${feed.fresh && latest && feed.fresh.id === latest.id ? ' flash' : ''}`} aria-live="polite" data-testid="latest-call">
        {latest && words ? (
          <>
            <div className="number">{latest.ticketNumber}</div>
            <div className="to">{latest.recall ? `${t('hall.recall')}：` : ''}{t('hall.goTo', { window: latest.windowName })}</div>
            <div className="to-en" lang="en">{words.textEn}</div>
            {latest.serviceName && <div className="service">{latest.serviceName}</div>}
          </>
        ) : (
          <div className="idle">{t('hall.idle')} <small lang="en">{tEn('hall.idle')}</small></div>
        )}
      </section>
      <section className="recent">
        <h2>{t('hall.recent')} <small lang="en">{tEn('hall.recent')}</small></h2>
        <ol data-testid="recent-calls">
          {earlier.map((c) => (
            <li key={c.id}>
              <span className="num">{c.ticketNumber}</span>
              <span>{c.windowName}{c.recall ? ` · ${t('hall.recall')}` : ''}</span>
            </li>
          ))}
        </ol>
      </section>
      <section className="waiting">
        <h2>{t('hall.waiting')} <small lang="en">{tEn('hall.waiting')}</small></h2>
        <ul data-testid="waiting">
          {feed.services.map((s) => (
            <li key={s.id}>
              <span>{s.name ?? t('hall.otherService')}</span>
              <b>{s.waiting} <small>{t('hall.people')}</small></b>
            </li>
          ))}
        </ul>
      </section>
      <Notices notices={settings.notices} />
      {voice === 'chime-only' && <p className="voice-note" data-testid="voice-note">{t('hall.audio.chimeOnly')} · <span lang="en">{tEn('hall.audio.chimeOnly')}</span></p>}
      {!soundOn && (
        <button type="button" className="enable-sound" onClick={enableSound} data-testid="enable-sound" title={t('hall.audio.hint')}>
          🔈 {t('hall.audio.enable')} <small lang="en">{tEn('hall.audio.enable')}</small>
        </button>
      )}
    </main>
  );
}
