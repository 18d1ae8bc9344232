// A signed-in user's session, kept in sessionStorage so it ends with the browser tab (shared counters
// and office PCs): each app has its own key, so signing out of one leaves the other alone.
export interface Session {
  token: string;
  role: 'admin' | 'director' | 'staff';
  name: string;
  staffId: string;
}

export function sessionStore(key: string): { load: () => Session | null; save: (s: Session | null) => void } {
  return {
    load() {
      try {
        const raw = sessionStorage.getItem(key);
        return raw ? (JSON.parse(raw) as Session) : null;
      } catch {
        return null;
      }
    },
    save(s) {
      if (s) sessionStorage.setItem(key, JSON.stringify(s));
      else sessionStorage.removeItem(key);
    },
  };
}
