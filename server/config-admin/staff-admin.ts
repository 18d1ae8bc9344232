// Staff records in the admin: name, title (Chinese, and English for the screens' English text), employee number, phone (personal data: sealed like a
// visitor's, masked wherever it is listed) and the seat-card photo, kept in the data folder after its
// size and type are checked. Every change is a `staff.updated` ledger event.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../api/api-error.js';
import type { PersonalRecord } from '../ledger/personal-vault.js';
import type { Hub } from '../hub.js';

/** A seat-card photo is shown about 300 px tall: 512 KB is plenty for a JPEG of that. */
export const PHOTO_MAX_BYTES = 512 * 1024;

export const PHOTO_TYPES = {
  'image/jpeg': { ext: 'jpg', magic: (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: 'png', magic: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/webp': { ext: 'webp', magic: (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
} as const;
export type PhotoType = keyof typeof PHOTO_TYPES;

/** The staff list for the admin: everything but the phone, which is masked. */
export async function staffForAdmin(hub: Hub) {
  const staff = [...hub.state.staff.values()];
  const refs = staff.map((s) => s.personalRef).filter((r): r is string => r !== undefined);
  const masked = new Map((await hub.store.personal(refs)).map((r) => [r.ref, r.maskedPhone ?? null]));
  return staff.map((s) => ({
    id: s.id, username: s.username, name: s.name, title: s.title, titleEn: s.titleEn ?? null, employeeNo: s.employeeNo, role: s.role, photo: s.photo ?? null,
    whereabouts: s.whereabouts, whereaboutsNote: s.whereaboutsNote ?? null, windowId: s.windowId ?? null,
    phoneMasked: s.personalRef ? masked.get(s.personalRef) ?? null : null,
  }));
}

export interface StaffEdit {
  name?: string;
  title?: string;
  /** A new English title, or null to remove it. */
  titleEn?: string | null;
  employeeNo?: string;
  /** A new phone, or null to remove it. */
  phone?: string | null;
}

export async function updateStaff(hub: Hub, staffId: string, edit: StaffEdit, by: string): Promise<void> {
  const s = hub.state.staff.get(staffId);
  if (!s) throw new ApiError(404, 'staff-not-found', `无此工作人员 / no staff ${staffId}`);
  const changed = <K extends 'name' | 'title' | 'employeeNo'>(k: K) => (edit[k] !== undefined && edit[k] !== s[k] ? edit[k] : undefined);
  // null removes the English title; a removal of one that is not there changes nothing
  const titleEn = edit.titleEn === undefined || edit.titleEn === (s.titleEn ?? null) ? undefined : edit.titleEn;
  let personal: PersonalRecord | undefined;
  let link: { ref: string; commitment: string } | null | undefined;
  if (edit.phone === null && s.personalRef) link = null;
  else if (typeof edit.phone === 'string') {
    const sealed = hub.vault.seal({ phone: edit.phone }, hub.clock.now());
    personal = sealed.record;
    link = sealed.link;
  }
  await hub.commit(
    { type: 'update-staff', staffId, name: changed('name'), title: changed('title'), titleEn, employeeNo: changed('employeeNo'), personal: link, by },
    { personal: personal ? [personal] : [] },
  );
}

function photoDir(hub: Hub): string {
  if (!hub.dataDir) throw new ApiError(503, 'no-data-folder', '未配置数据目录，无法保存照片 / the hub has no data folder for photos');
  const dir = join(hub.dataDir, 'photos');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Checks and stores a photo (base64), replacing the previous one; the staff card points at its URL. */
export async function saveStaffPhoto(hub: Hub, staffId: string, input: { contentType: PhotoType; data: string }, by: string): Promise<string> {
  if (!hub.state.staff.has(staffId)) throw new ApiError(404, 'staff-not-found', `无此工作人员 / no staff ${staffId}`);
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length === 0) throw new ApiError(400, 'invalid-photo', '照片为空 / the photo is empty', 'data');
  if (bytes.length > PHOTO_MAX_BYTES) throw new ApiError(413, 'photo-too-large', `照片不能超过 ${PHOTO_MAX_BYTES / 1024} KB / the photo must be at most ${PHOTO_MAX_BYTES / 1024} KB`, 'data');
  const type = PHOTO_TYPES[input.contentType];
  if (!type.magic(bytes)) throw new ApiError(400, 'invalid-photo', `文件内容不是 ${input.contentType} 图片 / the data is not a ${input.contentType} image`, 'data');
  const dir = photoDir(hub);
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const file = join(dir, `${staffId}.${type.ext}`);
  writeFileSync(`${file}.tmp`, bytes, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  for (const other of Object.values(PHOTO_TYPES)) {
    if (other.ext !== type.ext && existsSync(join(dir, `${staffId}.${other.ext}`))) unlinkSync(join(dir, `${staffId}.${other.ext}`));
  }
  const url = `/api/v1/staff/${encodeURIComponent(staffId)}/photo?v=${version}`;
  await hub.commit({ type: 'update-staff', staffId, photo: url, by });
  return url;
}

export function readStaffPhoto(hub: Hub, staffId: string): { contentType: string; content: Buffer } {
  if (hub.dataDir && /^[A-Za-z0-9_-]+$/.test(staffId)) {
    const dir = join(hub.dataDir, 'photos');
    const names = existsSync(dir) ? readdirSync(dir) : [];
    for (const [contentType, t] of Object.entries(PHOTO_TYPES)) {
      if (names.includes(`${staffId}.${t.ext}`)) return { contentType, content: readFileSync(join(dir, `${staffId}.${t.ext}`)) };
    }
  }
  throw new ApiError(404, 'photo-not-found', `无此照片 / no photo for ${staffId}`);
}
