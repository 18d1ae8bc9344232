// The director's app: sign-in, then Today / Ledger / Reports / Follow-ups / Complaints / Devices /
// Configuration. Chinese first; English one click away.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, loadSession, saveSession, setUnauthorizedHandler, type Session } from './api.js';
import { I18n, translator, useI18n, type Lang, type MessageKey } from './i18n/index.js';
import { ComplaintsPage } from './pages/ComplaintsPage.js';
import { ConfigSlot } from './pages/ConfigSlot.js';
import { DevicesPage } from './pages/DevicesPage.js';
import { FollowUpsPage } from './pages/FollowUpsPage.js';
import { LedgerPage } from './pages/LedgerPage.js';
import { ReportsPage } from './pages/ReportsPage.js';
import { TodayPage } from './pages/TodayPage.js';
import { navigate, useLocation, type PageId } from './router.js';

const NAV: [PageId, MessageKey][] = [
  ['today', 'nav.today'], ['ledger', 'nav.ledger'], ['reports', 'nav.reports'], ['follow-ups', 'nav.followUps'],
  ['complaints', 'nav.complaints'], ['devices', 'nav.devices'], ['config', 'nav.config'],
];

const LANG_KEY = 'yichuang.admin.lang';

export function App() {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN'));
  const [session, setSession] = useState<Session | null>(loadSession);
  const i18n = useMemo(() => ({ lang, t: translator(lang), setLang: (l: Lang) => { localStorage.setItem(LANG_KEY, l); setLangState(l); } }), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${i18n.t('app.title')} · ${i18n.t('app.subtitle')}`;
  }, [lang, i18n]);
  useEffect(() => setUnauthorizedHandler(() => { saveSession(null); setSession(null); }), []);
  return (
    <I18n.Provider value={i18n}>
      {session ? <Shell session={session} onSignOut={() => { saveSession(null); setSession(null); }} /> : <Login onSignedIn={(s) => { saveSession(s); setSession(s); }} />}
    </I18n.Provider>
  );
}

function LangSwitch() {
  const { lang, t, setLang } = useI18n();
  return <button type="button" className="lang" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>{t('lang.switch')}</button>;
}

function Login({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      const s = await api<Session>('POST', '/api/v1/auth/login', { username: String(form.get('username')), password: String(form.get('password')) });
      if (s.role === 'staff') return setError(t('login.staffRefused'));
      onSignedIn(s);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <label>{t('login.username')}<input name="username" autoComplete="username" required /></label>
        <label>{t('login.password')}<input name="password" type="password" autoComplete="current-password" required /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary">{t('login.submit')}</button>
        <LangSwitch />
      </form>
    </main>
  );
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { t } = useI18n();
  const { page, query } = useLocation();
  return (
    <div className="shell">
      <header className="top no-print">
        <div className="brand"><b>{t('app.title')}</b> <small>{t('app.subtitle')}</small></div>
        <nav aria-label={t('app.title')}>
          {NAV.map(([id, key]) => (
            <a key={id} href={`/admin/${id}`} aria-current={page === id ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(id); }}>{t(key)}</a>
          ))}
        </nav>
        <div className="who">
          <span>{t('nav.signedInAs', { name: session.name, role: t(`role.${session.role}` as MessageKey) })}</span>
          <LangSwitch />
          <button type="button" onClick={onSignOut}>{t('nav.signOut')}</button>
        </div>
      </header>
      <main className="page">
        {page === 'today' && <TodayPage />}
        {page === 'ledger' && <LedgerPage session={session} query={query} />}
        {page === 'reports' && <ReportsPage query={query} />}
        {page === 'follow-ups' && <FollowUpsPage />}
        {page === 'complaints' && <ComplaintsPage />}
        {page === 'devices' && <DevicesPage />}
        {page === 'config' && <ConfigSlot session={session} />}
      </main>
    </div>
  );
}
