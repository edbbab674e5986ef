import type { Actor } from '../people/person.js';

export type EventAction =
  | 'post.capture'
  | 'post.refresh'
  | 'post.recheck'
  | 'post.correct'
  | 'post.hide'
  | 'post.unhide'
  | 'post.purge'
  | 'rescue'
  | 'person.add'
  | 'person.change'
  | 'person.remove'
  | 'key.add'
  | 'key.revoke';

/** One line of the audit log (CONTRACT.md, Event). Written only by the action it records, never changed. */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: Actor;
  readonly action: EventAction;
  readonly postId: string | null;
  readonly summary: string;
}

/** Ids sort by time first, so a listing by id is a listing by time; the suffix keeps two in one millisecond apart. */
export function toEventId(at: Date, suffix: string): string {
  return `ev_${at.getTime().toString(36).padStart(9, '0')}${suffix}`;
}

export function toEvent(input: Omit<AuditEvent, 'id' | 'at'>, at: Date, suffix: string): AuditEvent {
  return { id: toEventId(at, suffix), at: at.toISOString(), ...input };
}
