// The hub as the report code sees it.
import { businessDay } from '../domain/business-day.js';
import type { Hub } from '../hub.js';
import type { ReportSource } from './report-query.js';

export function reportSource(hub: Hub): ReportSource {
  return { store: hub.store, state: hub.state, timeZone: hub.config.rules.timeZone, now: hub.clock.now() };
}

export function today(hub: Hub): string {
  return businessDay(hub.clock.now(), hub.config.rules.timeZone);
}
