import { randomBytes } from 'node:crypto';

/** Secrets and ids from the operating system's random source. */
export interface RandomSource {
  /** 32 random bytes, base64url: the secret half of a personal key. */
  secret(): string;
  /** 16 lowercase letters and digits: ids of people and keys. */
  id(): string;
  /**
   * What follows the time in an event id: a counter of this process first, so two events of one
   * request in the same millisecond (a person and their first key) still list in the order they
   * happened; then random characters, so two processes never collide.
   */
  eventSuffix(): string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const randomId = (length: number): string => Array.from(randomBytes(length), (byte) => ALPHABET[byte % 36]).join('');

export function createSystemRandom(): RandomSource {
  let sequence = 0;
  return {
    secret: () => randomBytes(32).toString('base64url'),
    id: () => randomId(16),
    eventSuffix: () => {
      sequence = (sequence + 1) % 36 ** 6;
      return `${sequence.toString(36).padStart(6, '0')}${randomId(10)}`;
    },
  };
}
