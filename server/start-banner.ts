// What `npm start` prints once the hub listens: the address of every page, so whoever sets up the hall can
// open each screen on its device (a kiosk and a window screen per configured id).
import type { CenterConfig } from './config/schema.js';

export function pageAddresses(url: string, config: Pick<CenterConfig, 'kiosks' | 'windows'>): [label: string, address: string][] {
  const id = encodeURIComponent;
  return [
    ...config.kiosks.map((k): [string, string] => [`kiosk ${k.id} 取号机`, `${url}/kiosk/?kiosk=${id(k.id)}`]),
    ['hall screen 大厅屏', `${url}/display/hall`],
    ...config.windows.map((w): [string, string] => [`window ${w.id} 窗口屏`, `${url}/display/window/${id(w.id)}`]),
    ['staff console 工作台', `${url}/console`],
    ['admin 管理后台', `${url}/admin`],
    ['ticket (phone) 手机查号', `${url}/t/<ticketId>`],
    ['API', `${url}/api/v1/openapi.json`],
    ['health', `${url}/api/v1/health`],
  ];
}

/** Columns a label takes in a terminal: hanzi take two. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const c of text) n += c.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return n;
}
