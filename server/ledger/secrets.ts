// The hub's master secret: from YICHUANG_SECRET, or a 0600 key file created in the data folder on first
// start. Purpose keys (personal-data encryption, token signing, subject pseudonyms) are derived with HKDF
// so one leaked purpose key does not expose the others.
import { hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type KeyPurpose = 'personal-data' | 'auth-tokens' | 'subject-key' | 'print-jobs' | 'live-config';

export interface Secrets {
  key(purpose: KeyPurpose): Buffer;
}

export function loadSecrets(dataDir: string, envSecret: string | undefined): Secrets {
  const master = envSecret ? Buffer.from(envSecret, 'utf8') : readOrCreateKeyFile(join(dataDir, 'secret.key'));
  if (master.length < 16) throw new Error('YICHUANG_SECRET must be at least 16 characters');
  const cache = new Map<KeyPurpose, Buffer>();
  return {
    key(purpose) {
      let k = cache.get(purpose);
      if (!k) {
        k = Buffer.from(hkdfSync('sha256', master, 'yichuang', `yichuang/${purpose}/v1`, 32));
        cache.set(purpose, k);
      }
      return k;
    },
  };
}

function readOrCreateKeyFile(path: string): Buffer {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('base64'));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) throw new Error(`key file ${path} is readable by others (mode ${mode.toString(8)}); chmod 600 it`);
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}
