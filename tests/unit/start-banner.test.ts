// `npm start` prints the address of every page the hub serves, one per kiosk and per window screen.
import { expect, it } from 'vitest';
import { PAGES } from '../../server/app.js';
import { demoCenter } from '../../server/config/demo-center.js';
import { parseConfig } from '../../server/config/load-config.js';
import { displayWidth, pageAddresses } from '../../server/start-banner.js';

it('names an address for every page route, each kiosk and each window', () => {
  const config = parseConfig(demoCenter(), 'demo');
  const printed = pageAddresses('http://localhost:8080', config).map(([, address]) => new URL(address.replace('<ticketId>', 'x'), 'http://localhost:8080').pathname);
  for (const route of Object.keys(PAGES)) {
    const pattern = new RegExp(`^${route.replace('{/*rest}', '(/.*)?').replace(/:[a-z]+/g, '[^/]+')}/?$`);
    expect(printed.some((p) => pattern.test(p)), `no address printed for ${route}`).toBe(true);
  }
  const addresses = pageAddresses('http://localhost:8080', config).map(([, a]) => a);
  for (const k of config.kiosks) expect(addresses).toContain(`http://localhost:8080/kiosk/?kiosk=${k.id}`);
  for (const w of config.windows) expect(addresses).toContain(`http://localhost:8080/display/window/${w.id}`);
  expect(addresses).toContain('http://localhost:8080/console');
  expect(addresses).toContain('http://localhost:8080/admin');
});

it('counts hanzi as two columns so the addresses line up', () => {
  expect(displayWidth('admin 管理后台')).toBe(14);
});
