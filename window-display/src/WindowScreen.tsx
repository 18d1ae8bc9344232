// The screen above a counter, facing the citizen: window number and business category, the ticket
// being called or served, the staff seat card, and the whereabouts board of the A/B posts.
// (Rating mode comes with the screens issue.)
import { useEffect, useState } from 'react';
import { connectDisplay, initialFeed, type FeedState, type StaffCard } from './display-feed.js';

const WHEREABOUTS: Record<StaffCard['whereabouts'], [string, string]> = {
  'on-duty': ['在岗', 'On duty'],
  away: ['暂离', 'Away'],
  out: ['外出', 'Out on business'],
  leave: ['休假', 'On leave'],
};

function Seat({ post, card, active }: { post: 'A' | 'B'; card: StaffCard | null; active: boolean }) {
  if (!card) return null;
  const [zh, en] = active ? ['在岗', 'On duty'] : WHEREABOUTS[card.whereabouts === 'on-duty' ? 'away' : card.whereabouts];
  return (
    <li className={active ? 'seat active' : 'seat'} data-testid={`post-${post}`}>
      <span className="post">{post}岗</span> <b>{card.name}</b> <span>{card.title}</span> <span className="state">{zh} · {en}</span>
    </li>
  );
}

export function WindowScreen({ windowId, screenKey }: { windowId: string; screenKey?: string }) {
  const [feed, setFeed] = useState<FeedState>(initialFeed);
  useEffect(() => {
    const socket = connectDisplay(`window:${windowId}`, (update) => setFeed(update), screenKey ? { screenKey } : {});
    return () => {
      socket.disconnect();
    };
  }, [windowId, screenKey]);
  const w = feed.window;
  if (!w) return <main className="window loading">{feed.connected ? '' : '系统连接中… / Connecting…'}</main>;
  const covering = w.post === 'B' && w.posts.A ? `A岗 ${w.posts.A.name} ${WHEREABOUTS[w.posts.A.whereabouts === 'on-duty' ? 'away' : w.posts.A.whereabouts][0]}，B岗 ${w.staff?.name ?? ''} 代岗` : null;
  return (
    <main className={`window ${w.status}`}>
      <header>
        <h1>{w.name}</h1>
        {w.category && <p className="category">{w.category}</p>}
        <span className={feed.connected ? 'link ok' : 'link down'} role="status">{feed.connected ? '●' : '● 连接中…'}</span>
      </header>
      <section className="now" data-testid="now">
        {w.status === 'closed' && <p className="closed">暂停服务 · Closed</p>}
        {w.status === 'paused' && <p className="paused">暂停服务：{w.pauseReason} · Paused</p>}
        {w.status === 'open' && w.current && (
          <>
            <p className="label">{w.current.status === 'called' ? '请' : '正在办理'}</p>
            <p className="number">{w.current.ticketNumber}</p>
            <p className="label">{w.current.status === 'called' ? '号到本窗口办理 · please come to this window' : 'Now serving'}</p>
          </>
        )}
        {w.status === 'open' && !w.current && <p className="free">欢迎办理 · Welcome</p>}
      </section>
      {w.staff && (
        <section className="card" data-testid="seat-card">
          <div className="photo" aria-hidden>{w.staff.photo ? <img src={w.staff.photo} alt="" /> : w.staff.name.slice(0, 1)}</div>
          <div>
            <p className="name">{w.staff.name}</p>
            <p>{w.staff.title}</p>
            <p>工号 {w.staff.employeeNo}</p>
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
