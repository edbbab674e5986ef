import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashApiKey } from '../../shared/config.js';

export interface LocalKey {
  readonly hash: string;
  /** The clear key, only on the run that created it: it is printed once and never stored. */
  readonly createdKey: string | null;
  readonly file: string;
}

/** When API_KEYS is unset, `npm start` makes one key and keeps only its digest in DATA_DIR. */
export function loadOrCreateLocalKey(dataDir: string): LocalKey {
  const file = join(dataDir, 'api-key.sha256');
  if (existsSync(file)) {
    const hash = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hash)) return { hash, createdKey: null, file };
  }
  const key = `pk_${randomBytes(24).toString('base64url')}`;
  const hash = hashApiKey(key);
  writeFileSync(file, `${hash}\n`, { mode: 0o600 });
  return { hash, createdKey: key, file };
}
