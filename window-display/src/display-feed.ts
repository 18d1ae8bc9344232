// The /display feed as screen state: a snapshot on every (re)connect replaces everything; live calls
// are kept newest first and deduplicated by their ledger id, so a reconnect never replays an old call.
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

export interface FeedState {
  connected: boolean;
  /** The window this screen stands at (window rooms only). */
  window: WindowView | null;
  calls: Call[];
  services: ServiceWaiting[];
  /** Calls that arrived live (not from a snapshot): the ones to flash and announce. */
  fresh: Call | null;
}

export const initialFeed: FeedState = { connected: false, window: null, calls: [], services: [], fresh: null };

interface Snapshot {
  calls: Call[];
  services: ServiceWaiting[];
  window: WindowView | null;
}

export function applySnapshot(state: FeedState, snap: Snapshot): FeedState {
  return { ...state, connected: true, window: snap.window, calls: snap.calls.slice(0, 8), services: snap.services, fresh: null };
}

export function applyWindow(state: FeedState, w: WindowView): FeedState {
  return state.window && state.window.id === w.id ? { ...state, window: w } : state;
}

export function applyCall(state: FeedState, call: Call): FeedState {
  if (state.calls.some((c) => c.id === call.id)) return state; // already shown
  return { ...state, calls: [call, ...state.calls].slice(0, 8), fresh: call };
}

export function applyQueue(state: FeedState, queue: { services: { id: string; waiting: number }[] }): FeedState {
  const waiting = new Map(queue.services.map((s) => [s.id, s.waiting]));
  return { ...state, services: state.services.map((s) => ({ ...s, waiting: waiting.get(s.id) ?? s.waiting })) };
}

export function connectDisplay(room: string, onChange: (update: (s: FeedState) => FeedState) => void, auth: Record<string, string> = {}): Socket {
  const socket = io('/display', { query: { room }, auth, transports: ['websocket', 'polling'] });
  socket.on('snapshot', (snap: Snapshot) => onChange((s) => applySnapshot(s, snap)));
  socket.on('call', (call: Call) => onChange((s) => applyCall(s, call)));
  socket.on('window', (w: WindowView) => onChange((s) => applyWindow(s, w)));
  socket.on('queue', (q: { services: { id: string; waiting: number }[] }) => onChange((s) => applyQueue(s, q)));
  socket.on('disconnect', () => onChange((s) => ({ ...s, connected: false })));
  return socket;
}
