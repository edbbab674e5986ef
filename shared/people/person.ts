/** Roles in rising order: each one may do everything the ones before it may (CONTRACT.md). */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** Who a change is recorded against: copied into events and versions, so removing a person keeps the history readable. */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

/** Who is asking: resolved once per request from a key (or, in the workspace, a session). */
export interface Principal extends Actor {
  readonly role: Role;
}

/** The keys of API_KEYS, API_KEY_HASHES and the one `npm start` prints act as this person. */
export const ADMIN_KEY_PRINCIPAL: Principal = Object.freeze({ id: 'admin', name: 'Admin key', role: 'admin' });

/** The scheduled and requested re-checks of originals act as this actor (CONTRACT.md, Version). */
export const RECHECK_ACTOR: Actor = Object.freeze({ id: 'system', name: 're-check' });

export function toActor(principal: Actor): Actor {
  return { id: principal.id, name: principal.name };
}

export interface PersonRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  /** A removed person is kept as a tombstone (events name them), but none of their keys work. */
  readonly removedAt: string | null;
  /** Optimistic-lock counter of the item. */
  readonly revision: number;
}

export interface KeyRecord {
  readonly keyId: string;
  readonly personId: string;
  /** sha256 hex of the whole key; the key itself is shown once and never stored. */
  readonly hash: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly revision: number;
}

/** Person as CONTRACT.md shows it: never a key or its hash. */
export interface PersonJson {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly keys: ReadonlyArray<{ readonly keyId: string; readonly createdAt: string; readonly lastUsedAt: string | null }>;
}

export function toPersonJson(person: PersonRecord, keys: readonly KeyRecord[]): PersonJson {
  return {
    id: person.id,
    name: person.name,
    role: person.role,
    createdAt: person.createdAt,
    keys: keys
      .filter((key) => key.revokedAt === null && key.personId === person.id)
      .map((key) => ({ keyId: key.keyId, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt })),
  };
}

/** The built-in admin as a Person for `GET /api/me`: it has no stored keys of its own. */
export function toPrincipalPersonJson(principal: Principal): PersonJson {
  return { id: principal.id, name: principal.name, role: principal.role, createdAt: '1970-01-01T00:00:00.000Z', keys: [] };
}

/**
 * Personal keys read `pkp_<keyId>.<secret>`: the key id finds the stored hash with one read,
 * and the secret is what is compared. Admin keys (`pk_…` or anything else) never match this.
 */
const PERSONAL_KEY = /^pkp_([a-z0-9]{16})\.([A-Za-z0-9_-]{43})$/;

export function parsePersonalKey(key: string): { keyId: string } | null {
  const match = PERSONAL_KEY.exec(key);
  return match?.[1] ? { keyId: match[1] } : null;
}

export function toPersonalKey(keyId: string, secret: string): string {
  return `pkp_${keyId}.${secret}`;
}
