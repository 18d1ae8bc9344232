// Wires a site hub to the city (`YICHUANG_CENTRAL_URL`): one replicator over the hub's ledger, woken by
// every commit, as site `center.code`.
import type { Hub } from '../hub.js';
import { Replicator, type LinkStatus, type ReplicatorOptions } from './replicator.js';

const links = new WeakMap<Hub, Replicator>();

export function startReplication(hub: Hub, url: string, tuning: Omit<ReplicatorOptions, 'url' | 'site' | 'store'> = {}): Replicator {
  const { center, rules } = hub.config;
  const replicator = new Replicator({ ...tuning, url, store: hub.store, site: { code: center.code, name: center.name, timeZone: rules.timeZone } });
  hub.onCommitted(() => replicator.wake());
  replicator.start();
  links.set(hub, replicator);
  return replicator;
}

/** The city link's state for the hub's health answer (nothing when the hub has no city link). */
export function cityLinkHealth(hub: Hub): { cityLink?: LinkStatus } {
  const link = links.get(hub);
  return link ? { cityLink: link.status() } : {};
}
