// The kiosk: start screen (取号 / 触摸查询), the take-a-number flow and the look-up sections, with
// elder mode and English one tap away on every screen, an idle reset, a connection banner and the
// admin exit gesture.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ExitDialog } from './ExitDialog.js';
import { flowReducer, initialFlow, issueErrorKey } from './flow.js';
import { I18n, pick, translator, type Lang, type MessageKey } from './i18n/index.js';
import { ApiFailure, connectKiosk, KioskApi, type CardError, type KioskParams, type KioskSetup, type PrinterState, type ServiceTile } from './kiosk-link.js';
import { Lookup } from './Lookup.js';
import { speak, stopSpeaking } from './speech.js';
import { ConfirmStep, IdentifyStep, PhoneStep, ServiceTiles, TicketStep } from './TakeNumber.js';
import { useIdle } from './use-idle.js';

const CARD_ERRORS: Record<CardError, MessageKey> = {
  'invalid card': 'identify.cardInvalid',
  'unsupported card type': 'identify.cardUnsupported',
  'read failed': 'identify.cardReadFailed',
};

/** The last seconds of the idle time are counted down on screen. */
const COUNTDOWN_SECONDS = 10;

export function App({ params }: { params: KioskParams }) {
  const api = useMemo(() => new KioskApi(params), [params]);
  const [lang, setLang] = useState<Lang>('zh-CN');
  const [elder, setElder] = useState(false);
  const [setup, setSetup] = useState<KioskSetup | null>(null);
  const [setupError, setSetupError] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const [services, setServices] = useState<ServiceTile[]>([]);
  const [printer, setPrinter] = useState<PrinterState>('none');
  const [reader, setReader] = useState<PrinterState>('none');
  const [cardError, setCardError] = useState<MessageKey | null>(null);
  const [flow, dispatch] = useReducer(flowReducer, initialFlow);
  const [exitOpen, setExitOpen] = useState(false);
  const setupRef = useRef<KioskSetup | null>(null);
  setupRef.current = setup;
  const t = useMemo(() => translator(lang), [lang]);

  const loadSetup = useCallback(() => {
    api.setup().then(
      (s) => {
        setSetup(s);
        setSetupError(null);
      },
      (err: unknown) => setSetupError(err instanceof ApiFailure ? `${err.status} ${err.code ?? ''}`.trim() : String(err)),
    );
  }, [api]);

  useEffect(() => {
    loadSetup();
    const socket = connectKiosk(params, {
      onConnection: (up) => {
        setConnected(up);
        if (up) loadSetup(); // resync after a reconnect (the configuration may have changed)
      },
      onServices: setServices,
      onPrinter: setPrinter,
      onCard: (read) => {
        setCardError(null);
        dispatch({ type: 'card', read, greenAge: setupRef.current?.greenAge ?? 70 });
      },
      onCardError: (error) => setCardError(CARD_ERRORS[error]),
      onReader: setReader,
    });
    return () => {
      socket.disconnect();
    };
  }, [params, loadSetup]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
  }, [elder]);

  /** Home and 完成: back to the start, keeping the citizen's elder mode and language. */
  const home = useCallback(() => {
    dispatch({ type: 'reset' });
    setExitOpen(false);
  }, []);
  /** Idle: back to the start for the next citizen, every choice forgotten. */
  const reset = useCallback(() => {
    dispatch({ type: 'reset' });
    setExitOpen(false);
    setElder(false);
    setLang('zh-CN');
    stopSpeaking();
  }, []);
  const atRest = flow.step.name === 'home' && !elder && lang === 'zh-CN' && !exitOpen;
  const idle = useIdle(setup?.idleSeconds ?? 30, !atRest, reset);

  // Spoken guidance for each step in elder mode.
  const stepName = flow.step.name;
  useEffect(() => setCardError(null), [stepName]);
  const ticketNumber = flow.step.name === 'ticket' ? flow.step.ticket.number : '';
  const ticketAhead = flow.step.name === 'ticket' ? flow.step.ticket.ahead : 0;
  const ticketFailed = flow.step.name === 'ticket' && (flow.step.ticket.print === 'failed' || printer === 'paper-out');
  useEffect(() => {
    if (!elder) return;
    const line: Record<string, MessageKey> = { home: 'speech.home', services: 'speech.services', identify: flow.greenOffered ? 'speech.green' : 'speech.identify', phone: 'speech.phone', confirm: 'speech.confirm', lookup: 'speech.lookup' };
    if (stepName === 'ticket') speak(`${t('speech.ticket', { number: ticketNumber.split('').join(' '), count: ticketAhead })}${ticketFailed ? t('speech.printFailed') : ''}`, lang);
    else if (line[stepName]) speak(t(line[stepName]), lang);
  }, [elder, stepName, flow.greenOffered, ticketNumber, ticketAhead, ticketFailed, lang, t]);

  const submit = async () => {
    if (flow.step.name !== 'confirm') return;
    const { serviceId } = flow.step;
    dispatch({ type: 'submit' });
    try {
      const ticket = await api.issue({
        serviceId,
        ...(flow.identity ? { identityToken: flow.identity.identityToken } : {}),
        ...(flow.phone ? { phone: flow.phone } : {}),
        ...(flow.priority === 'green' ? { priority: 'green' as const } : {}),
      });
      dispatch({ type: 'issued', ticket });
    } catch (err) {
      const f = err instanceof ApiFailure ? err : new ApiFailure(0, 'offline', String(err));
      dispatch({ type: 'failed', error: issueErrorKey(f.status, f.code), code: f.code ?? String(f.status) });
    }
  };

  // Admin exit: five taps on the corner within three seconds.
  const taps = useRef<number[]>([]);
  const cornerTap = () => {
    const now = Date.now();
    taps.current = [...taps.current.filter((x) => now - x < 3000), now];
    if (taps.current.length >= 5) {
      taps.current = [];
      setExitOpen(true);
    }
  };

  const i18n = useMemo(() => ({ lang, t }), [lang, t]);
  if (!setup) {
    return (
      <I18n.Provider value={i18n}>
        <main className="kiosk starting">
          <p className={setupError ? 'error' : 'note'} role="status">{setupError ? t('link.setupFailed', { reason: setupError }) : t('link.starting')}</p>
        </main>
      </I18n.Provider>
    );
  }
  const centerName = pick(lang, setup.center.name, setup.center.nameEn);
  const step = flow.step;
  const serviceOf = (id: string) => services.find((s) => s.id === id);
  const windowNames = (serviceId: string) => (serviceOf(serviceId)?.windows ?? []).map((w) => (lang === 'en' ? `Window ${w}` : `${w}号窗口`));
  const printerWarning: MessageKey | null = printer === 'paper-out' ? 'printer.paperOut' : printer === 'offline' || printer === 'error' ? 'printer.offline' : null;
  const showCountdown = !atRest && idle.left <= Math.min(COUNTDOWN_SECONDS, (setup.idleSeconds ?? 30) - 1);

  let body: React.ReactNode;
  switch (step.name) {
    case 'home':
      body = (
        <section className="screen home" aria-labelledby="home-title">
          <h1 id="home-title">{t('home.welcome', { center: centerName })}</h1>
          <div className="home-actions">
            <button type="button" className="home-btn home-take" data-testid="take" onClick={() => dispatch({ type: 'take' })}>
              <span className="home-btn-title">{t('home.take')}</span>
              <span className="home-btn-hint">{t('home.takeHint')}</span>
            </button>
            <button type="button" className="home-btn home-lookup" data-testid="lookup" onClick={() => dispatch({ type: 'lookup' })}>
              <span className="home-btn-title">{t('home.lookup')}</span>
              {!elder && <span className="home-btn-hint">{t('home.lookupHint')}</span>}
            </button>
          </div>
          <p className="note">{t('home.green', { age: setup.greenAge })}</p>
          <p className="hotline">{t('home.hotline', { hotline: setup.center.hotline })}</p>
        </section>
      );
      break;
    case 'services':
      body = <ServiceTiles services={services} setup={setup} elder={elder} dispatch={dispatch} />;
      break;
    case 'identify':
      body = <IdentifyStep flow={flow} setup={setup} cardProblem={cardError ?? (reader === 'offline' || reader === 'error' ? 'identify.readerDown' : null)} dispatch={dispatch} />;
      break;
    case 'phone':
      body = <PhoneStep flow={flow} dispatch={dispatch} />;
      break;
    case 'confirm': {
      const service = serviceOf(step.serviceId);
      body = service ? <ConfirmStep flow={flow} service={service} connected={connected} onSubmit={() => void submit()} /> : null;
      break;
    }
    case 'ticket':
      body = <TicketStep ticket={step.ticket} service={serviceOf(step.ticket.serviceId)} setup={setup} printer={printer} windowNames={windowNames(step.ticket.serviceId)} onDone={home} />;
      break;
    case 'lookup':
      body = <Lookup section={step.section} api={api} services={services} setup={setup} elder={elder} dispatch={dispatch} />;
      break;
  }

  return (
    <I18n.Provider value={i18n}>
      <div className={`kiosk${elder ? ' elder' : ''}`}>
        <header className="topbar">
          <button type="button" className="corner" aria-label={t('exit.title')} tabIndex={-1} onClick={cornerTap} data-testid="exit-corner" />
          <div className="brand">
            <span className="center-name">{centerName}</span>
          </div>
          <div className="toggles">
            {step.name !== 'home' && (
              <>
                <button type="button" className="btn" data-testid="back" onClick={() => dispatch({ type: 'back' })}>{t('nav.back')}</button>
                <button type="button" className="btn" data-testid="home" onClick={home}>{t('nav.home')}</button>
              </>
            )}
            <button type="button" className="btn toggle" data-testid="elder-toggle" aria-pressed={elder} aria-describedby="elder-hint" onClick={() => setElder(!elder)}>
              {elder ? t('elder.off') : t('elder.on')}
            </button>
            <button type="button" className="btn toggle" data-testid="lang-toggle" lang={lang === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
              {t('lang.switch')}
            </button>
            <span id="elder-hint" hidden>{elder ? t('elder.offLabel') : t('elder.onLabel')}</span>
          </div>
        </header>
        {!connected && <div className="banner banner-down" role="alert" data-testid="offline-banner">{t('link.connecting')}</div>}
        {connected && printerWarning && step.name !== 'ticket' && <div className="banner banner-warn" role="status" data-testid="printer-banner">{t(printerWarning)}</div>}
        <main className="content">{body}</main>
        {showCountdown && (
          <div className="countdown" role="status" data-testid="idle-countdown">
            <span>{t('idle.countdown', { seconds: idle.left })}</span>
            <button type="button" className="btn btn-primary" onClick={idle.poke}>{t('idle.stay')}</button>
          </div>
        )}
        {exitOpen && <ExitDialog api={api} onClose={() => setExitOpen(false)} />}
      </div>
    </I18n.Provider>
  );
}
