// Public read models for the kiosk's 触摸查询: the staff board (公示) and the service network. Only what a
// public notice board shows: no usernames, phones or ID numbers of staff.
import { pinyin } from 'pinyin-pro';
import type { CenterConfig } from '../config/schema.js';
import type { QueueState } from '../domain/types.js';

export function staffBoard(state: QueueState) {
  const windowOf = new Map<string, string>();
  for (const [id, w] of state.windows) if (w.staffId) windowOf.set(w.staffId, id);
  return [...state.staff.values()]
    .filter((s) => s.role !== 'admin')
    .map((s) => {
      const windowId = windowOf.get(s.id);
      const def = windowId ? state.windowDefs.get(windowId) : undefined;
      return {
        id: s.id, name: s.name, nameLatin: latinName(s.name), title: s.title, titleEn: s.titleEn ?? null, employeeNo: s.employeeNo, photo: s.photo ?? null,
        role: s.role as 'staff' | 'director', whereabouts: s.whereabouts, whereaboutsNote: s.whereaboutsNote ?? null,
        windowId: windowId ?? null, windowName: def?.name ?? null, windowNameEn: def?.nameEn ?? null,
      };
    })
    .sort((a, b) => (a.role === b.role ? a.employeeNo.localeCompare(b.employeeNo) : a.role === 'director' ? -1 : 1));
}

const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '夏侯', '轩辕', '端木', '长孙', '宇文', '南宫', '独孤', '西门', '申屠']);

/** 周敏 → "Zhou Min", 欧阳娜娜 → "Ouyang Nana": how the English board writes a Chinese name. */
export function latinName(name: string): string {
  if (!/[\u4e00-\u9fff]/.test(name)) return name;
  const chars = [...name.trim()];
  const cut = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const word = (part: string, surname: boolean) => {
    const w = pinyin(part, { toneType: 'none', type: 'array', surname: surname ? 'all' : 'off', nonZh: 'consecutive' }).join('');
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  return [word(chars.slice(0, cut).join(''), true), word(chars.slice(cut).join(''), false)].filter(Boolean).join(' ');
}

export type StaffBoardEntry = ReturnType<typeof staffBoard>[number];

/** The center itself first, then each town's station followed by its village rooms. */
export function serviceNetwork(config: CenterConfig) {
  const c = config.center;
  const center = {
    id: c.code, level: 'center' as const, name: c.name, nameEn: c.nameEn ?? null, area: null, areaEn: null,
    address: c.address ?? null, addressEn: null, phone: c.phone ?? c.hotline, hours: null, hoursEn: null,
  };
  const rank = { center: 0, station: 1, room: 2 } as const;
  const points = [...config.network]
    .map((p) => ({ ...p, nameEn: p.nameEn ?? null, areaEn: p.areaEn ?? null, addressEn: p.addressEn ?? null, hoursEn: p.hoursEn ?? null }))
    .sort((a, b) => a.area.localeCompare(b.area, 'zh-CN') || rank[a.level] - rank[b.level]);
  return { center, points };
}
