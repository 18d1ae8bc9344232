// The staff console (/console): sign in, sign in at a window, then every window action of the contract
// by big buttons and function keys F1–F7, the current visitor (masked; audited reveal), the queue of
// the window's services and the staff member's own day. Live over the /display feed of the window's
// room, so an action from a hardware keypad or another console shows here at once.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { connectDisplay } from '../display-feed.js';
import { t, type Lang } from '../i18n/index.js';
import { ACTIONS, actionForKey, type ActionDef, type ActionName } from './actions.js';
import { api, ApiFailure, loadSession, messageIn, saveSession, type Session } from './api.js';
import { FinishDialog, PauseDialog, TransferDialog } from './Dialogs.js';
import { CurrentPanel, QueuePanel, TodayPanel } from './Panels.js';
import type { CurrentVisit, ServiceItem, Today, WindowQueue, WindowView } from './types.js';

/** Refresh the waited minutes even when nothing happens. */
const QUEUE_REFRESH_MS = 30_000;

function useLang(): [Lang, () => void] {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('yichuang.console.lang') === 'en' ? 'en' : 'zh-CN'));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return [lang, () => setLang((l) => {
    const next = l === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('yichuang.console.lang', next);
    return next;
  })];
}

function readable(err: unknown, lang: Lang): string {
  const f = err as ApiFailure;
  if (f.code === 'network') return t('console.error.network', {}, lang);
  return t('console.error', { message: messageIn(f.message ?? String(err), lang) }, lang);
}

function Login({ lang, onSession }: { lang: Lang; onSession: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<Session>('POST', '/api/v1/auth/login', null, { username: username.trim(), password });
      onSession(r.body);
    } catch (err) {
      setError(readable(err, lang));
    }
  };
  return (
    <form className="login panel" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
      <h2 id="login-title">{t('console.login', {}, lang)}</h2>
      <label>{t('console.username', {}, lang)}<input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus data-testid="username" /></label>
      <label>{t('console.password', {}, lang)}<input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required data-testid="password" /></label>
      <button type="submit" className="primary" data-testid="login">{t('console.login', {}, lang)}</button>
      {error && <p className="error" role="alert" data-testid="error">{error}</p>}
    </form>
  );
}

function WindowPicker({ session, lang, onPicked, onError, onExpired }: { session: Session; lang: Lang; onPicked: (id: string) => void; onError: (m: string) => void; onExpired: () => void }) {
  const [windows, setWindows] = useState<WindowView[]>([]);
  useEffect(() => {
    void api<WindowView[]>('GET', '/api/v1/windows', session.token).then((r) => {
      setWindows(r.body);
      const mine = r.body.find((w) => w.staff?.id === session.staffId);
      if (mine) onPicked(mine.id); // already signed in there (a reload, or a keypad sign-in)
    }).catch((err) => ((err as ApiFailure).status === 401 ? onExpired() : onError(readable(err, lang))));
  }, [session, lang, onPicked, onError, onExpired]);
  const signIn = async (id: string) => {
    try {
      await api('POST', `/api/v1/windows/${encodeURIComponent(id)}/sign-in`, session.token);
      onPicked(id);
    } catch (err) {
      onError(readable(err, lang));
    }
  };
  return (
    <section className="panel picker" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('console.pickWindow', {}, lang)}</h2>
      <ul>
        {windows.map((w) => (
          <li key={w.id}>
            <button type="button" onClick={() => void signIn(w.id)} data-testid={`sign-in-${w.id}`}>
              <b>{lang === 'en' ? w.nameEn ?? w.name : w.name}</b> <span>{w.category}</span>
              {w.staff && <span className="muted"> · {w.staff.name}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Dialog = 'finish' | 'transfer' | 'pause' | null;

function Workbench({ session, windowId, lang, onSignedOut, onExpired, message, setMessage }: {
  session: Session; windowId: string; lang: Lang; onSignedOut: () => void; onExpired: () => void;
  message: { kind: 'ok' | 'error'; text: string } | null; setMessage: (m: { kind: 'ok' | 'error'; text: string } | null) => void;
}) {
  const [win, setWin] = useState<WindowView | null>(null);
  const [queue, setQueue] = useState<WindowQueue | null>(null);
  const [current, setCurrent] = useState<CurrentVisit | null>(null);
  const [today, setToday] = useState<Today | null>(null);
  const [services, setServices] = useState<ServiceItem[]>([]);
  const [windows, setWindows] = useState<WindowView[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const token = session.token;
  const base = `/api/v1/windows/${encodeURIComponent(windowId)}`;

  const refresh = useCallback(async () => {
    try {
      const [w, q, c, d] = await Promise.all([
        api<WindowView>('GET', base, token),
        api<WindowQueue>('GET', `/api/v1/console/windows/${encodeURIComponent(windowId)}/queue`, token),
        api<CurrentVisit | null>('GET', `/api/v1/console/windows/${encodeURIComponent(windowId)}/current`, token),
        api<Today>('GET', '/api/v1/console/me/today', token),
      ]);
      setWin(w.body);
      setQueue(q.body);
      setCurrent(c.body ?? null);
      setToday(d.body);
    } catch (err) {
      const status = (err as ApiFailure).status;
      if (status === 401) onExpired(); // the 12-hour token ran out: sign in again
      else if (status === 403) onSignedOut(); // signed out elsewhere (keypad, director)
      else setMessage({ kind: 'error', text: readable(err, lang) });
    }
  }, [base, token, windowId, lang, onSignedOut, onExpired, setMessage]);

  useEffect(() => {
    void refresh();
    void api<ServiceItem[]>('GET', '/api/v1/services', token).then((r) => setServices(r.body)).catch(() => undefined);
    void api<WindowView[]>('GET', '/api/v1/windows', token).then((r) => setWindows(r.body.filter((w) => w.id !== windowId))).catch(() => undefined);
    // Live: anything committed at this window (console, keypad, pad) or in the queue refreshes the panels.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(pending);
      pending = setTimeout(() => void refresh(), 50);
    };
    const socket = connectDisplay(`window:${windowId}`, () => soon(), { token });
    socket.on('connect', soon);
    const timer = setInterval(() => void refresh(), QUEUE_REFRESH_MS);
    return () => {
      clearTimeout(pending);
      clearInterval(timer);
      socket.disconnect();
    };
  }, [refresh, token, windowId]);

  // Whether a key may act now, read by the key handler without waiting for a render: an action in flight
  // or an open dialog blocks the function keys (no double actions from a held or repeated key).
  const busyRef = useRef(false);
  const dialogRef = useRef<Dialog>(null);
  dialogRef.current = dialog;
  const run = useCallback(async (name: ActionName | 'sign-out', body?: Record<string, unknown>) => {
    busyRef.current = true;
    setBusy(true);
    setMessage(null);
    try {
      const r = await api('POST', `${base}/${name}`, token, body ?? {});
      if (name === 'sign-out') return onSignedOut();
      const label = t(`console.action.${name}`, {}, lang);
      setMessage(name === 'call-next' && r.status === 204 ? { kind: 'ok', text: t('console.nothingWaits', {}, lang) } : { kind: 'ok', text: t('console.done', { action: label }, lang) });
      setDialog(null);
      dialogRef.current = null;
      busyRef.current = false; // ready for the next key while the panels refresh
      setBusy(false);
      await refresh();
    } catch (err) {
      setMessage({ kind: 'error', text: readable(err, lang) });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [base, token, lang, refresh, onSignedOut, setMessage]);

  const trigger = useCallback((a: ActionDef) => {
    const name: ActionName = a.name === 'pause-resume' ? (win?.status === 'paused' ? 'resume' : 'pause') : a.name;
    if (a.dialog && name !== 'resume') {
      dialogRef.current = a.dialog;
      setDialog(a.dialog);
    } else void run(name);
  }, [win, run]);

  // F1–F7 as on the hall keypads; F5/F6/F7 would otherwise reload, move focus or toggle caret browsing.
  const triggerRef = useRef(trigger);
  triggerRef.current = trigger;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = actionForKey(e.key);
      if (!a) return;
      e.preventDefault();
      if (!busyRef.current && dialogRef.current === null && !e.repeat) triggerRef.current(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const me = win?.staff?.id === session.staffId ? win.staff : null;
  const label = (a: ActionDef) => t(`console.action.${a.name === 'pause-resume' ? (win?.status === 'paused' ? 'resume' : 'pause') : a.name}`, {}, lang);
  return (
    <>
      <div className="window-bar">
        <h2>{t('console.signedInAs', { name: session.name, window: win ? (lang === 'en' ? win.nameEn ?? win.name : win.name) : windowId }, lang)}</h2>
        {me && <span className="muted" data-testid="my-title">{lang === 'en' ? me.titleEn ?? <span lang="zh-CN">{me.title}</span> : me.title}</span>}
        {win?.status === 'paused' && <span className="tag alert">{t('window.paused', { reason: win.pauseReason ?? '' }, lang)}</span>}
        <button type="button" onClick={() => void run('sign-out')} data-testid="sign-out">{t('console.signOut', {}, lang)}</button>
      </div>
      <nav className="actions" aria-label={t('console.keys', {}, lang)}>
        {ACTIONS.map((a) => (
          <button key={a.key} type="button" className={`action ${a.name}`} disabled={busy} onClick={() => trigger(a)} data-testid={`action-${a.key}`} aria-keyshortcuts={a.key}>
            <kbd>{a.key}</kbd>
            <span>{label(a)}</span>
          </button>
        ))}
      </nav>
      <p className="keys muted">{t('console.keys', {}, lang)}</p>
      <div className={`message ${message?.kind ?? ''}`} role={message?.kind === 'error' ? 'alert' : 'status'} data-testid="message">{message?.text ?? ''}</div>
      <div className="panels">
        <CurrentPanel current={current} token={token} lang={lang} />
        <QueuePanel queue={queue} lang={lang} />
        <TodayPanel today={today} lang={lang} />
      </div>
      {dialog === 'finish' && <FinishDialog serviceName={current?.serviceName ?? null} matters={current?.matters ?? []} lang={lang} onCancel={() => setDialog(null)} onConfirm={(b) => void run('finish', b)} />}
      {dialog === 'transfer' && <TransferDialog services={services} windows={windows} lang={lang} onCancel={() => setDialog(null)} onConfirm={(b) => void run('transfer', b)} />}
      {dialog === 'pause' && <PauseDialog lang={lang} onCancel={() => setDialog(null)} onConfirm={(b) => void run('pause', b)} />}
    </>
  );
}

export function ConsoleApp() {
  const [lang, toggleLang] = useLang();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [windowId, setWindowId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const onSession = (s: Session) => {
    saveSession(s);
    setSession(s);
  };
  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
    setWindowId(null);
  }, []);
  const onPicked = useCallback((id: string) => setWindowId(id), []);
  const onSignedOut = useCallback(() => setWindowId(null), []);
  const onError = useCallback((text: string) => setMessage({ kind: 'error', text }), []);
  return (
    <div className="console">
      <header>
        <h1>{t('console.title', {}, lang)}</h1>
        <button type="button" className="link-button" onClick={toggleLang} data-testid="lang">{t('console.lang', {}, lang)}</button>
        {session && <button type="button" className="link-button" onClick={logout}>{t('console.logout', {}, lang)}</button>}
      </header>
      <main>
        {!session ? (
          <Login lang={lang} onSession={onSession} />
        ) : !windowId ? (
          <>
            <WindowPicker session={session} lang={lang} onPicked={onPicked} onError={onError} onExpired={logout} />
            {message && <div className={`message ${message.kind}`} role="alert" data-testid="message">{message.text}</div>}
          </>
        ) : (
          <Workbench session={session} windowId={windowId} lang={lang} onSignedOut={onSignedOut} onExpired={logout} message={message} setMessage={setMessage} />
        )}
      </main>
    </div>
  );
}
