// The screen above a counter, facing the citizen: window number and business category, the ticket
// being called or served, the staff seat card, the whereabouts board of the A/B posts, a paused state
// with its reason, and after a finish the rating mode (four large buttons with a timeout).
import { useEffect, useRef, useState } from 'react';
import { connectDisplay, endRating, initialFeed, type FeedState, type StaffCard, type WindowView } from './display-feed.js';
import { t, tEn } from './i18n/index.js';
import { SCORES, submitRating, type RatingOutcome, type Score } from './rating.js';
import { useClock } from './use-clock.js';

/** The title in Chinese with its English line when the center entered one. */
const Title = ({ card }: { card: StaffCard }) => (
  <>{card.title}{card.titleEn && <small lang="en" data-testid="title-en">{card.titleEn}</small>}</>
);

const away = (card: StaffCard) => (card.whereabouts === 'on-duty' ? 'away' : card.whereabouts);

function Seat({ post, card, active }: { post: 'A' | 'B'; card: StaffCard | null; active: boolean }) {
  if (!card) return null;
  const state = active ? 'on-duty' : away(card);
  return (
    <li className={active ? 'seat active' : 'seat'} data-testid={`post-${post}`}>
      <span className="post">{t('window.post', { post })}</span> <b>{card.name}</b> <span><Title card={card} /></span>{' '}
      <span className="state">{t(`whereabouts.${state}`)} · {tEn(`whereabouts.${state}`)}</span>
      {!active && card.whereaboutsNote && <span className="note">（{card.whereaboutsNote}）</span>}
    </li>
  );
}

function NowServing({ w }: { w: WindowView }) {
  if (w.status === 'closed') return <p className="closed">{t('window.closed')} · <span lang="en">{tEn('window.closed')}</span></p>;
  if (w.status === 'paused') {
    const reason = w.pauseReason ?? '';
    return <p className="paused">{t('window.paused', { reason })} · <span lang="en">{tEn('window.paused', { reason })}</span></p>;
  }
  if (!w.current) return <p className="free">{t('window.welcome')} · <span lang="en">{tEn('window.welcome')}</span></p>;
  const called = w.current.status === 'called';
  return (
    <>
      <p className="label">{called ? t('window.pleaseCome') : t('window.serving')}</p>
      <p className="number">{w.current.ticketNumber}</p>
      <p className="label">{called ? `${t('window.toThisWindow')} · ${tEn('window.toThisWindow')}` : tEn('window.serving')}</p>
    </>
  );
}

function RatingPanel({ windowId, screenKey, ticketNumber, until, onDone }: { windowId: string; screenKey?: string; ticketNumber: string; until: number; onDone: (o: RatingOutcome) => void }) {
  const now = useClock();
  const sent = useRef(false); // one tap per visit, even if the screen is tapped twice before the answer
  const [busy, setBusy] = useState(false);
  const left = Math.max(0, Math.ceil((until - now.getTime()) / 1000));
  const rate = async (score: Score) => {
    if (sent.current) return;
    sent.current = true;
    setBusy(true);
    onDone(await submitRating(windowId, score, screenKey));
  };
  return (
    <section className="rating" data-testid="rating" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('rating.title')} <small lang="en">{tEn('rating.title')}</small></h2>
      <p className="rating-ticket">{t('rating.ticket', { number: ticketNumber })}</p>
      <div className="rating-buttons">
        {SCORES.map((s) => (
          <button key={s} type="button" className={`rate ${s}`} disabled={busy} onClick={() => void rate(s)} data-testid={`rate-${s}`}>
            {t(`rating.${s}`)}
            <small lang="en">{tEn(`rating.${s}`)}</small>
          </button>
        ))}
      </div>
      <p className="countdown">{t('rating.countdown', { s: left })} · <span lang="en">{tEn('rating.countdown', { s: left })}</span></p>
    </section>
  );
}

const THANKS_MS = 4000;

export function WindowScreen({ windowId, screenKey }: { windowId: string; screenKey?: string }) {
  const [feed, setFeed] = useState<FeedState>(initialFeed);
  const [outcome, setOutcome] = useState<RatingOutcome | null>(null);
  useEffect(() => {
    const socket = connectDisplay(`window:${windowId}`, (update) => setFeed(update), screenKey ? { screenKey } : {});
    return () => {
      socket.disconnect();
    };
  }, [windowId, screenKey]);
  // The rating mode ends by itself when its time is up.
  const rating = feed.rating;
  useEffect(() => {
    if (!rating) return;
    const timer = setTimeout(() => setFeed((s) => endRating(s, rating.ticketNumber)), Math.max(0, rating.until - Date.now()));
    return () => clearTimeout(timer);
  }, [rating]);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), THANKS_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const w = feed.window;
  if (!w) {
    return (
      <main className="window loading">
        <p role="status">{feed.connected ? '' : `${t('link.connecting')} / ${tEn('link.connecting')}`}</p>
        {feed.refused && <p className="refused" data-testid="refused">{feed.refused}</p>}
      </main>
    );
  }
  const a = w.posts.A;
  const covering = w.post === 'B' && a ? t('window.covering', { a: a.name, state: t(`whereabouts.${away(a)}`), b: w.staff?.name ?? '' }) : null;
  const done = (o: RatingOutcome) => {
    setOutcome(o);
    setFeed((s) => endRating(s));
  };
  return (
    <main className={`window ${w.status}`}>
      <header>
        <h1>{w.name}{w.nameEn && <small lang="en">{w.nameEn}</small>}</h1>
        {w.category && <p className="category">{w.category}</p>}
        <span className={feed.connected ? 'link ok' : 'link down'} role="status" data-testid="link" aria-label={feed.connected ? t('link.ok') : t('link.down')}>
          {feed.connected ? '●' : `● ${t('link.connecting')}`}
        </span>
      </header>
      <section className="now" data-testid="now">
        {rating ? (
          <RatingPanel key={rating.ticketNumber} windowId={w.id} screenKey={screenKey} ticketNumber={rating.ticketNumber} until={rating.until} onDone={done} />
        ) : outcome ? (
          <p className={`rating-outcome ${outcome}`} role="status" data-testid="rating-outcome">
            {t(outcome === 'recorded' ? 'rating.thanks' : outcome === 'already' ? 'rating.already' : 'rating.failed')}
            <small lang="en">{tEn(outcome === 'recorded' ? 'rating.thanks' : outcome === 'already' ? 'rating.already' : 'rating.failed')}</small>
          </p>
        ) : (
          <NowServing w={w} />
        )}
      </section>
      {w.staff && (
        <section className="card" data-testid="seat-card" aria-label={w.staff.name}>
          <div className="photo">{w.staff.photo ? <img src={w.staff.photo} alt={w.staff.name} /> : <span aria-hidden="true">{w.staff.name.slice(0, 1)}</span>}</div>
          <div>
            <p className="name">{w.staff.name}</p>
            <p className="title"><Title card={w.staff} /></p>
            <p>{t('window.employeeNo', { no: w.staff.employeeNo })}</p>
          </div>
        </section>
      )}
      <section className="posts">
        {covering && <p className="covering" data-testid="covering">{covering}</p>}
        <ul>
          <Seat post="A" card={w.posts.A} active={w.post === 'A' && w.status !== 'closed'} />
          <Seat post="B" card={w.posts.B} active={w.post === 'B' && w.status !== 'closed'} />
        </ul>
      </section>
    </main>
  );
}
