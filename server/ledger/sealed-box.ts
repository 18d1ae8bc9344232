// AES-256-GCM as the ledger seals things: iv (12 bytes) ‖ tag (16) ‖ ciphertext, bound to an id by the
// additional data, so a sealed value moved to another id does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function sealBytes(key: Buffer, id: string, plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the key, the id or a byte is wrong. */
export function openBytes(key: Buffer, id: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
