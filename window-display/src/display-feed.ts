// The /display feed as screen state: a snapshot on every (re)connect replaces everything; a live call
// counts only when its ledger id is newer than any seen, so a reconnect never replays an old call as new.
// Lists are capped: screens run for weeks.
import { io, type Socket } from 'socket.io-client';

export interface Call {
  id: number;
  ticketNumber: string;
  windowId: string;
  windowName: string;
  serviceName: string | null;
  at: string;
  recall: boolean;
}

export interface ServiceWaiting {
  id: string;
  prefix: string;
  name: string | null;
  nameEn: string | null;
  waiting: number;
}

export interface StaffCard {
  id: string;
  name: string;
  title: string;
  /** null: the center entered no English title (the screens show the Chinese one alone). */
  titleEn: string | null;
  employeeNo: string;
  photo: string | null;
  whereabouts: 'on-duty' | 'away' | 'out' | 'leave';
  whereaboutsNote: string | null;
}

export interface WindowView {
  id: string;
  name: string;
  nameEn: string | null;
  category: string | null;
  status: 'closed' | 'open' | 'paused';
  pauseReason: string | null;
  post: 'A' | 'B' | null;
  staff: StaffCard | null;
  posts: { A: StaffCard | null; B: StaffCard | null };
  current: { ticketNumber: string; status: string; serviceName: string | null } | null;
}

/** Rating mode of a window screen: the visit just finished and until when (screen clock) to ask. */
export interface RatingPrompt {
  ticketNumber: string;
  until: number;
}

export interface FeedState {
  connected: boolean;
  /** The window this screen stands at (window rooms only). */
  window: WindowView | null;
  calls: Call[];
  services: ServiceWaiting[];
  /** The newest call that arrived live (not from a snapshot): the one to flash. */
  fresh: Call | null;
  /** Highest ledger id seen: a call at or below it is old. */
  lastId: number;
  rating: RatingPrompt | null;
  /** Why the hub refused this screen (unknown window, wrong screen key), as the hub said it. */
  refused: string | null;
}

export const RECENT_CALLS = 8;
const REFUSED_RETRY_MS = 15_000;

export const initialFeed: FeedState = { connected: false, window: null, calls: [], services: [], fresh: null, lastId: 0, rating: null, refused: null };

export interface Snapshot {
  calls: Call[];
  services: ServiceWaiting[];
  window: WindowView | null;
}

export function applySnapshot(state: FeedState, snap: Snapshot): FeedState {
  const newest = snap.calls.reduce((m, c) => Math.max(m, c.id), 0);
  // A ledger behind what we saw is another ledger (a restored or replaced hub): follow it.
  const lastId = newest < state.lastId && snap.calls.length > 0 ? newest : Math.max(state.lastId, newest);
  return { ...state, connected: true, refused: null, window: snap.window, calls: snap.calls.slice(0, RECENT_CALLS), services: snap.services, fresh: null, lastId };
}

export function applyWindow(state: FeedState, w: WindowView): FeedState {
  if (!state.window || state.window.id !== w.id) return state;
  // The next citizen called here must see their number: the rating buttons of the last visit give way.
  const rating = w.current && w.current.ticketNumber !== state.rating?.ticketNumber ? null : state.rating;
  return { ...state, window: w, rating };
}

export function isNewCall(state: FeedState, call: Call): boolean {
  return call.id > state.lastId;
}

export function applyCall(state: FeedState, call: Call): FeedState {
  if (!isNewCall(state, call)) return state; // already shown, or an old one
  return { ...state, calls: [call, ...state.calls].slice(0, RECENT_CALLS), fresh: call, lastId: call.id };
}

export function applyQueue(state: FeedState, queue: { services: { id: string; waiting: number }[] }): FeedState {
  const waiting = new Map(queue.services.map((s) => [s.id, s.waiting]));
  return { ...state, services: state.services.map((s) => ({ ...s, waiting: waiting.get(s.id) ?? s.waiting })) };
}

export function applyRating(state: FeedState, prompt: { ticketNumber: string; seconds: number }, now: number): FeedState {
  return { ...state, rating: { ticketNumber: prompt.ticketNumber, until: now + prompt.seconds * 1000 } };
}

export function endRating(state: FeedState, ticketNumber?: string | null): FeedState {
  if (!state.rating || (ticketNumber && state.rating.ticketNumber !== ticketNumber)) return state;
  return { ...state, rating: null };
}

export interface DisplayHandlers {
  /** A call newer than anything seen (to announce); called before the state update. */
  onFreshCall?: (call: Call) => void;
}

/** Reconnects quickly (≤ 2 s between tries) so a restarted hub is back on the screens within seconds. */
export function connectDisplay(room: string, onChange: (update: (s: FeedState) => FeedState) => void, auth: Record<string, string> = {}, handlers: DisplayHandlers = {}): Socket {
  const socket = io('/display', { query: { room }, auth, transports: ['websocket', 'polling'], reconnectionDelay: 500, reconnectionDelayMax: 2000, randomizationFactor: 0.3 });
  let lastId = 0; // mirror of FeedState.lastId for the announcement decision, outside React's batching
  socket.on('snapshot', (snap: Snapshot) => {
    const newest = snap.calls.reduce((m, c) => Math.max(m, c.id), 0);
    lastId = newest < lastId && snap.calls.length > 0 ? newest : Math.max(lastId, newest);
    onChange((s) => applySnapshot(s, snap));
  });
  socket.on('call', (call: Call) => {
    if (call.id <= lastId) return;
    lastId = call.id;
    handlers.onFreshCall?.(call);
    onChange((s) => applyCall(s, call));
  });
  socket.on('window', (w: WindowView) => onChange((s) => applyWindow(s, w)));
  socket.on('queue', (q: { services: { id: string; waiting: number }[] }) => onChange((s) => applyQueue(s, q)));
  socket.on('rating', (p: { ticketNumber: string; seconds: number }) => onChange((s) => applyRating(s, p, Date.now())));
  socket.on('rated', (r: { ticketNumber: string | null }) => onChange((s) => endRating(s, r.ticketNumber)));
  socket.on('disconnect', () => onChange((s) => ({ ...s, connected: false })));
  // A refusal by the hub's middleware is not retried by socket.io: show why, and try again later (the
  // technician may fix the configuration and restart the hub while the screen stays on).
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect_error', (err: Error & { data?: { message?: string } }) => {
    if (!err.data?.message) return; // a transport error: socket.io reconnects by itself
    onChange((s) => ({ ...s, connected: false, refused: err.data!.message! }));
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
  });
  const close = socket.disconnect.bind(socket);
  socket.disconnect = () => {
    clearTimeout(retry); // a screen closed for good is not brought back by a pending retry
    return close();
  };
  return socket;
}
