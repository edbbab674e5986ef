import { timingSafeEqual } from 'node:crypto';
import type { PeopleTable } from '../adapters/people-table.js';
import type { RandomSource } from '../adapters/random.js';
import { toEvent } from '../audit/event.js';
import { hashApiKey } from '../config.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.js';
import {
  ADMIN_KEY_PRINCIPAL,
  type KeyRecord,
  type PersonJson,
  type PersonRecord,
  type Principal,
  parsePersonalKey,
  type Role,
  toActor,
  toPersonalKey,
  toPersonJson,
  toPrincipalPersonJson,
} from '../people/person.js';

export interface AccessDeps {
  readonly people: PeopleTable;
  /** sha256 digests of the admin keys (API_KEYS, API_KEY_HASHES, the key `npm start` printed). */
  readonly adminKeyHashes: readonly string[];
  readonly random: RandomSource;
  readonly now: () => Date;
}

/**
 * Who may do what: people with roles and personal keys. Nothing here is cached beyond one call,
 * so a key revoked or a person removed stops working on the next request, in every process.
 */
export class Access {
  private readonly adminDigests: readonly Buffer[];

  constructor(private readonly deps: AccessDeps) {
    this.adminDigests = deps.adminKeyHashes.map((hex) => Buffer.from(hex, 'hex'));
  }

  /**
   * The principal a key belongs to, or null. Digests are compared in constant time; a personal
   * key costs two strongly consistent reads (its key item and its person), an admin key none.
   */
  async authenticateKey(key: string): Promise<Principal | null> {
    return (await this.authenticate(key))?.principal ?? null;
  }

  /**
   * Like authenticateKey, and also which personal key it was (null for an admin key), so a
   * sign-in session can remember the key and be checked again with `principalForKeyId`.
   */
  async authenticate(key: string): Promise<{ principal: Principal; keyId: string | null } | null> {
    if (key.length === 0 || key.length > 512) return null;
    const presented = Buffer.from(hashApiKey(key), 'hex');
    let admin = false;
    for (const digest of this.adminDigests) admin = timingSafeEqual(digest, presented) || admin;
    if (admin) return { principal: ADMIN_KEY_PRINCIPAL, keyId: null };
    const parsed = parsePersonalKey(key);
    if (!parsed) return null;
    const stored = await this.deps.people.getKey(parsed.keyId);
    if (!stored || stored.revokedAt !== null || !timingSafeEqual(Buffer.from(stored.hash, 'hex'), presented)) return null;
    const principal = await this.principalOfKey(stored);
    return principal ? { principal, keyId: stored.keyId } : null;
  }

  /**
   * The principal behind a personal key known by its id (a session that signed in with it), or
   * null once the key is revoked or its person removed: read fresh on every call.
   */
  async principalForKeyId(keyId: string): Promise<Principal | null> {
    const stored = await this.deps.people.getKey(keyId);
    return stored && stored.revokedAt === null ? this.principalOfKey(stored) : null;
  }

  private async principalOfKey(stored: KeyRecord): Promise<Principal | null> {
    const person = await this.deps.people.getPerson(stored.personId);
    if (!person || person.removedAt !== null) return null;
    await this.deps.people.touchKey(stored, this.deps.now());
    return { id: person.id, name: person.name, role: person.role };
  }

  /**
   * The principal behind a key known only by its digest and id (a workspace session keeps no
   * key): the same checks as authenticateKey, made again on every request of the session.
   */
  async authenticateDigest(keyHash: string, keyId: string | null): Promise<Principal | null> {
    const presented = Buffer.from(keyHash, 'hex');
    if (presented.length !== 32) return null;
    if (keyId === null) {
      let admin = false;
      for (const digest of this.adminDigests) admin = timingSafeEqual(digest, presented) || admin;
      return admin ? ADMIN_KEY_PRINCIPAL : null;
    }
    const stored = await this.deps.people.getKey(keyId);
    if (!stored || stored.revokedAt !== null || !timingSafeEqual(Buffer.from(stored.hash, 'hex'), presented)) return null;
    const person = await this.deps.people.getPerson(stored.personId);
    if (!person || person.removedAt !== null) return null;
    return { id: person.id, name: person.name, role: person.role };
  }

  /** The caller as a Person: the built-in admin has no stored record or keys. */
  async describe(principal: Principal): Promise<PersonJson> {
    return principal.id === ADMIN_KEY_PRINCIPAL.id ? toPrincipalPersonJson(principal) : this.getPerson(principal.id);
  }

  async getPerson(id: string): Promise<PersonJson> {
    const person = await this.requirePerson(id);
    return toPersonJson(person, await this.deps.people.listKeys(id));
  }

  async listPeople(): Promise<PersonJson[]> {
    const people = await this.deps.people.listPeople();
    return Promise.all(people.map(async (person) => toPersonJson(person, await this.deps.people.listKeys(person.id))));
  }

  /** Adds a person with a first key; the key is in this answer only. */
  async addPerson(actor: Principal, input: { name: string; role: Role }): Promise<{ person: PersonJson; key: string }> {
    const now = this.deps.now();
    const person: PersonRecord = {
      id: `pe_${this.deps.random.id()}`,
      name: input.name,
      role: input.role,
      createdAt: now.toISOString(),
      removedAt: null,
      revision: 1,
    };
    const event = toEvent(
      { actor: toActor(actor), action: 'person.add', postId: null, summary: `Added ${person.name} (${person.id}) as ${person.role}.` },
      now,
      this.deps.random.eventSuffix(),
    );
    await this.deps.people.putPerson(person, { events: [event], versions: [] });
    const { record, key } = await this.createKey(actor, person, now);
    return { person: toPersonJson(person, [record]), key };
  }

  async changeRole(actor: Principal, id: string, role: Role): Promise<PersonJson> {
    const current = await this.requirePerson(id);
    const now = this.deps.now();
    const next: PersonRecord = { ...current, role, revision: current.revision + 1 };
    const event = toEvent(
      { actor: toActor(actor), action: 'person.change', postId: null, summary: `${current.name} (${id}): role ${current.role} → ${role}.` },
      now,
      this.deps.random.eventSuffix(),
    );
    await this.deps.people.putPerson(next, { events: [event], versions: [] });
    return toPersonJson(next, await this.deps.people.listKeys(id));
  }

  /** Removes a person: authentication checks the person on every request, so all their keys stop at once. */
  async removePerson(actor: Principal, id: string): Promise<void> {
    const current = await this.requirePerson(id);
    const now = this.deps.now();
    const event = toEvent(
      { actor: toActor(actor), action: 'person.remove', postId: null, summary: `Removed ${current.name} (${id}).` },
      now,
      this.deps.random.eventSuffix(),
    );
    await this.deps.people.putPerson(
      { ...current, removedAt: now.toISOString(), revision: current.revision + 1 },
      { events: [event], versions: [] },
    );
  }

  /** A new key for a person: an admin may give one to anyone, a person to themself. */
  async addKey(actor: Principal, personId: string): Promise<{ keyId: string; key: string }> {
    if (actor.role !== 'admin' && actor.id !== personId) throw new ForbiddenError('Only an admin can add keys for someone else.');
    const person = await this.requirePerson(personId);
    const { record, key } = await this.createKey(actor, person, this.deps.now());
    return { keyId: record.keyId, key };
  }

  /** Revokes a key: an admin any key, a person their own. */
  async revokeKey(actor: Principal, keyId: string): Promise<void> {
    if (!/^[a-z0-9]{16}$/.test(keyId)) throw new InvalidInputError('invalid_id', 'Key ids are 16 lowercase letters and digits.');
    const key = await this.deps.people.getKey(keyId);
    if (!key || key.revokedAt !== null) throw new NotFoundError(`No key has the id ${keyId}.`);
    if (actor.role !== 'admin' && actor.id !== key.personId) throw new ForbiddenError('Only an admin can revoke keys of someone else.');
    const now = this.deps.now();
    const event = toEvent(
      { actor: toActor(actor), action: 'key.revoke', postId: null, summary: `Revoked key ${keyId} of ${key.personId}.` },
      now,
      this.deps.random.eventSuffix(),
    );
    await this.deps.people.putKey({ ...key, revokedAt: now.toISOString(), revision: key.revision + 1 }, { events: [event], versions: [] });
  }

  private async createKey(actor: Principal, person: PersonRecord, now: Date): Promise<{ record: KeyRecord; key: string }> {
    const keyId = this.deps.random.id();
    const key = toPersonalKey(keyId, this.deps.random.secret());
    const record: KeyRecord = {
      keyId,
      personId: person.id,
      hash: hashApiKey(key),
      createdAt: now.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
      revision: 1,
    };
    const event = toEvent(
      { actor: toActor(actor), action: 'key.add', postId: null, summary: `Added key ${keyId} for ${person.name} (${person.id}).` },
      now,
      this.deps.random.eventSuffix(),
    );
    await this.deps.people.putKey(record, { events: [event], versions: [] });
    return { record, key };
  }

  private async requirePerson(id: string): Promise<PersonRecord> {
    if (!/^pe_[a-z0-9]{16}$/.test(id)) throw new NotFoundError(`No person has the id ${id}.`);
    const person = await this.deps.people.getPerson(id);
    if (!person || person.removedAt !== null) throw new NotFoundError(`No person has the id ${id}.`);
    return person;
  }
}
