// Statistics over a year read 150,000 visit facts; a settled business day never changes again (its
// queue expired at the roll-over, ratings close within minutes), so its facts are kept in memory
// after the first read and only the open days come from the store each time. Bounded by days: about
// 40 MB for a year of a very busy center (150,000 visits). Filled in the background when the hub starts
// (and when the dashboard opens), so the first year-long report after a start does not pay for it.
// (Packed in typed arrays it took 8 MB, but rebuilding the objects on every query doubled its time.)
import { addDays, businessDay } from '../domain/business-day.js';
import type { VisitFact } from '../domain/stats.js';
import type { LedgerStore, VisitQuery } from '../ledger/store.js';

/** Days kept: a year and a little (the half-year and year reports, the 5-week trend). */
const MAX_DAYS = 400;
/** Days read between two turns of the event loop while filling the cache. */
const DAYS_AT_ONCE = 7;

type Filter = Omit<VisitQuery, 'limit' | 'offset' | 'newestFirst'>;

export class FactCache {
  private readonly days = new Map<string, VisitFact[]>();
  /** Loads run one after the other, so concurrent requests read a day once. */
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly store: LedgerStore, private readonly maxDays = MAX_DAYS) {}

  async facts(filter: Filter, now: number, timeZone: string): Promise<VisitFact[]> {
    // The full-text filter is not part of a fact: ask the store.
    if (filter.text) return this.store.visitFacts(filter);
    // Yesterday settles at the first roll-over after midnight; the day before is safely closed.
    const openFrom = addDays(businessDay(now, timeZone), -1);
    const settledTo = filter.toDay < openFrom ? filter.toDay : addDays(openFrom, -1);
    const parts: VisitFact[][] = [];
    if (filter.fromDay <= settledTo) {
      await this.load(filter.fromDay, settledTo);
      for (let d = filter.fromDay; d <= settledTo; d = addDays(d, 1)) parts.push(this.days.get(d) ?? []);
    }
    if (filter.toDay >= openFrom) {
      parts.push(await this.store.visitFacts({ fromDay: filter.fromDay > openFrom ? filter.fromDay : openFrom, toDay: filter.toDay }));
    }
    const all = parts.flat();
    const { serviceId, windowId, staffId, rating } = filter;
    if (!serviceId && !windowId && !staffId && !rating) return all;
    return all.filter((f) => (!serviceId || f.serviceId === serviceId) && (!windowId || f.windowId === windowId) && (!staffId || f.staffId === staffId) && (!rating || f.rating === rating));
  }

  /** Fills the cache with the settled days of the last `days` days, in the background. */
  warm(now: number, timeZone: string, days = MAX_DAYS - 10): void {
    const today = businessDay(now, timeZone);
    void this.facts({ fromDay: addDays(today, -days), toDay: addDays(today, -2) }, now, timeZone).catch(() => undefined);
  }

  private load(from: string, to: string): Promise<void> {
    this.loading = this.loading.catch(() => undefined).then(() => this.loadNow(from, to));
    return this.loading;
  }

  /**
   * Reads the settled days of [from, to] not yet cached, one day per query, a week of days between two
   * turns of the event loop. One query for a year held the loop for over a second, most of it the
   * garbage collector moving 150,000 fresh rows out of the hub's small young generation; a day's 600
   * rows die young. (A day's facts share their label strings, as the store decodes them.)
   */
  private async loadNow(from: string, to: string): Promise<void> {
    for (let first = from; first <= to; first = addDays(first, DAYS_AT_ONCE)) {
      const days: string[] = [];
      for (let d = first, i = 0; d <= to && i < DAYS_AT_ONCE; d = addDays(d, 1), i++) if (!this.days.has(d)) days.push(d);
      if (days.length === 0) continue;
      // A networked store answers these side by side; the embedded one one after the other.
      const facts = await Promise.all(days.map((d) => this.store.visitFacts({ fromDay: d, toDay: d })));
      days.forEach((d, i) => this.days.set(d, facts[i]!));
      await new Promise((ok) => setImmediate(ok));
    }
    // Oldest-inserted first out.
    for (const key of this.days.keys()) {
      if (this.days.size <= this.maxDays) break;
      this.days.delete(key);
    }
  }
}

const caches = new WeakMap<LedgerStore, FactCache>();

function cacheOf(store: LedgerStore): FactCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new FactCache(store)));
  return cache;
}

/** The visit facts of a statistics query, through the store's day cache. */
export function visitFacts(store: LedgerStore, filter: Filter, now: number, timeZone: string): Promise<VisitFact[]> {
  return cacheOf(store).facts(filter, now, timeZone);
}

/** Starts filling the store's day cache, once per store (at the hub's start, and when the dashboard opens). */
export function warmFacts(store: LedgerStore, now: number, timeZone: string): void {
  if (!caches.has(store)) cacheOf(store).warm(now, timeZone);
}
