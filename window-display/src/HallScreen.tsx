// The waiting hall's LED/TV wall: the latest call big and flashing, the last calls, waiting per service,
// a clock and the connection state. Chinese first, English second. (Voice calls and notices: next.)
import { useEffect, useState } from 'react';
import { connectDisplay, initialFeed, type FeedState } from './display-feed.js';

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function HallScreen() {
  const [feed, setFeed] = useState<FeedState>(initialFeed);
  const now = useClock();
  useEffect(() => {
    const socket = connectDisplay('hall', (update) => setFeed(update));
    return () => {
      socket.disconnect();
    };
  }, []);
  const [latest, ...earlier] = feed.calls;
  return (
    <main className="hall">
      <header>
        <h1>叫号信息 <small>Now calling</small></h1>
        <time>{now.toLocaleTimeString('zh-CN', { hour12: false })}</time>
        <span className={feed.connected ? 'link ok' : 'link down'} role="status">
          {feed.connected ? '● 已连接' : '● 系统连接中… / Connecting…'}
        </span>
      </header>
      <section className={`latest${feed.fresh && latest && feed.fresh.id === latest.id ? ' flash' : ''}`} aria-live="polite" data-testid="latest-call">
        {latest ? (
          <>
            <div className="number">{latest.ticketNumber}</div>
            <div className="to">请到 <b>{latest.windowName}</b> 办理{latest.recall ? '（重呼）' : ''}</div>
            <div className="to-en">Please go to window {latest.windowId}{latest.recall ? ' (recall)' : ''}</div>
            {latest.serviceName && <div className="service">{latest.serviceName}</div>}
          </>
        ) : (
          <div className="idle">请留意叫号 · Please wait for your number</div>
        )}
      </section>
      <section className="recent">
        <h2>最近叫号 <small>Recent calls</small></h2>
        <ol data-testid="recent-calls">
          {earlier.map((c) => (
            <li key={c.id}>
              <span className="num">{c.ticketNumber}</span> → <span>{c.windowName}</span>
            </li>
          ))}
        </ol>
      </section>
      <section className="waiting">
        <h2>等候人数 <small>Waiting</small></h2>
        <ul data-testid="waiting">
          {feed.services.map((s) => (
            <li key={s.id}>
              <span>{s.name ?? '其他业务'}</span>
              <b>{s.waiting}</b>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
