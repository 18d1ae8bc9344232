// Rebuilds the in-memory hall from the ledger: every event, in order, through the same `evolve` the
// live path uses. Settled tickets of past days are dropped as the replay crosses midnight.
import { businessDay } from '../domain/business-day.js';
import { evolve, pruneSettled } from '../domain/evolve.js';
import { createState } from '../domain/state.js';
import type { QueueRules, QueueState, ServiceDef, WindowDef } from '../domain/types.js';
import type { LedgerStore } from './store.js';

const PAGE = 5000;

export async function replayState(store: LedgerStore, setup: { rules: QueueRules; services: ServiceDef[]; windows: WindowDef[] }): Promise<QueueState> {
  // day '' makes the first batch after start roll the hall over to today.
  const state = createState({ ...setup, day: '' });
  let after = 0;
  let replayDay = '';
  for (;;) {
    const page = await store.readEvents(after, PAGE);
    for (const e of page) {
      const day = businessDay(e.at, setup.rules.timeZone);
      if (day !== replayDay) {
        if (replayDay) pruneSettled(state, e.at);
        replayDay = day;
      }
      evolve(state, e);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  state.day = '';
  // The one-waiting-ticket-per-person rule needs the pseudonyms of tickets still waiting.
  const waiting = [...state.tickets.values()].filter((t) => t.status === 'waiting' && t.personalRef);
  const keys = await store.subjectKeys(waiting.map((t) => t.personalRef!));
  for (const t of waiting) t.subjectKey = keys.get(t.personalRef!);
  return state;
}
