import { timingSafeEqual } from 'node:crypto';
import { hashApiKey } from '../../shared/config.js';

export type Role = 'viewer' | 'editor' | 'admin';

/** Who is calling: the person behind a key or a workspace session. */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/**
 * Turns a key into its person. `byKeyHash` is what a session uses on every request: the session
 * keeps only the digest of the key it was opened with, and lives exactly as long as that key.
 */
export interface KeyAuthority {
  authenticate(key: string): Promise<Principal | null>;
  byKeyHash(keyHash: string): Promise<Principal | null>;
}

/** The keys of API_KEYS / API_KEY_HASHES / the key `npm start` prints: admin keys (CONTRACT.md). */
export function configuredAdminKeys(keyHashes: readonly string[]): KeyAuthority {
  const known = keyHashes.map((hex) => Buffer.from(hex, 'hex'));
  const admin: Principal = { id: 'admin', name: 'Administrator', role: 'admin' };
  const byKeyHash = async (keyHash: string): Promise<Principal | null> => {
    const presented = Buffer.from(keyHash, 'hex');
    if (presented.length !== 32) return null;
    let ok = false;
    for (const digest of known) ok = timingSafeEqual(digest, presented) || ok;
    return ok ? admin : null;
  };
  return { byKeyHash, authenticate: (key) => byKeyHash(hashApiKey(key)) };
}
