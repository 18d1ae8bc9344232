// Statistics over a year read 150,000 visit facts; a settled business day never changes again (its
// queue expired at the roll-over, ratings close within minutes), so its facts are kept in memory
// after the first read and only the open days come from the store each time. Bounded by days: about
// 40 MB for a year of a very busy center (150,000 visits), paid only once a year-long query was asked.
// (Packed in typed arrays it took 8 MB, but rebuilding the objects on every query doubled its time.)
import { addDays, businessDay } from '../domain/business-day.js';
import type { VisitFact } from '../domain/stats.js';
import type { LedgerStore, VisitQuery } from '../ledger/store.js';

/** Days kept: a year and a little (the half-year and year reports, the 5-week trend). */
const MAX_DAYS = 400;

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

  /** Fills the cache with the settled days of the last `days` days, in the background (the dashboard asks). */
  warm(now: number, timeZone: string, days = MAX_DAYS - 10): void {
    const today = businessDay(now, timeZone);
    void this.facts({ fromDay: addDays(today, -days), toDay: addDays(today, -2) }, now, timeZone).catch(() => undefined);
  }

  private load(from: string, to: string): Promise<void> {
    this.loading = this.loading.catch(() => undefined).then(() => this.loadNow(from, to));
    return this.loading;
  }

  /** Reads the settled days of [from, to] not yet cached, in one query over their span. */
  private async loadNow(from: string, to: string): Promise<void> {
    let first: string | undefined;
    let last: string | undefined;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (this.days.has(d)) continue;
      first ??= d;
      last = d;
    }
    if (!first || !last) return;
    const byDay = new Map<string, VisitFact[]>();
    // Each row comes with its own copies of the day, service, window and staff strings: share them.
    const strings = new Map<string, string>();
    const shared = <T extends string | undefined>(x: T): T => (x === undefined ? x : ((strings.get(x) ?? (strings.set(x, x), x)) as T));
    for (const f of await this.store.visitFacts({ fromDay: first, toDay: last })) {
      f.day = shared(f.day);
      f.serviceId = shared(f.serviceId);
      f.windowId = shared(f.windowId);
      f.staffId = shared(f.staffId);
      const list = byDay.get(f.day);
      if (list) list.push(f);
      else byDay.set(f.day, [f]);
    }
    for (let d = first; d <= last; d = addDays(d, 1)) if (!this.days.has(d)) this.days.set(d, byDay.get(d) ?? []);
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

/** Starts filling the store's day cache (once the director opens the admin, reports follow). */
export function warmFacts(store: LedgerStore, now: number, timeZone: string): void {
  if (!caches.has(store)) cacheOf(store).warm(now, timeZone);
}
