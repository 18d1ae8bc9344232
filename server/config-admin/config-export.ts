// The configuration in force as the contract's configuration file: what `YICHUANG_CONFIG` accepts.
// Staff seats are written from the current accounts (without phones: personal data stays in the hub).
import { parseConfig } from '../config/load-config.js';
import type { CenterConfig } from '../config/schema.js';
import type { Hub } from '../hub.js';
import { redactedConfig } from './config-hash.js';

export function exportConfig(hub: Hub): CenterConfig {
  const seats = [...hub.state.staff.values()]
    .filter((s) => s.role !== 'admin')
    .map((s) => ({ username: s.username, name: s.name, title: s.title, titleEn: s.titleEn, employeeNo: s.employeeNo, role: s.role as 'staff' | 'director' }));
  // Parsed again: an export that YICHUANG_CONFIG would refuse is a bug, not a download.
  return parseConfig({ ...hub.config, staff: seats }, 'export');
}

/** What a director may read: the configuration without kiosk, screen and agent keys. */
export function configForRole(hub: Hub, role: string): unknown {
  return role === 'admin' ? hub.config : redactedConfig(hub.config);
}
