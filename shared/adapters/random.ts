import { randomBytes } from 'node:crypto';

/** Secrets and ids from the operating system's random source. */
export interface RandomSource {
  /** 32 random bytes, base64url: the secret half of a personal key. */
  secret(): string;
  /** 16 lowercase letters and digits: ids of people and keys, suffixes of event ids. */
  id(): string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const systemRandom: RandomSource = {
  secret: () => randomBytes(32).toString('base64url'),
  id: () => Array.from(randomBytes(16), (byte) => ALPHABET[byte % 36]).join(''),
};
