// A tiny router over /admin/<page>?<query>: the hub serves the app for every path under /admin.
import { useEffect, useState } from 'react';

export const PAGES = ['today', 'ledger', 'reports', 'follow-ups', 'complaints', 'devices', 'config'] as const;
export type PageId = (typeof PAGES)[number];

export interface Location {
  page: PageId;
  query: URLSearchParams;
}

function current(): Location {
  const seg = window.location.pathname.replace(/^\/admin\/?/, '').split('/')[0] ?? '';
  const page = (PAGES as readonly string[]).includes(seg) ? (seg as PageId) : 'today';
  return { page, query: new URLSearchParams(window.location.search) };
}

export function navigate(page: PageId, query: Record<string, string> = {}, replace = false): void {
  const q = new URLSearchParams(query).toString();
  const url = `/admin/${page}${q ? `?${q}` : ''}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event('admin:navigate'));
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    window.addEventListener('popstate', update);
    window.addEventListener('admin:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('admin:navigate', update);
    };
  }, []);
  return loc;
}
