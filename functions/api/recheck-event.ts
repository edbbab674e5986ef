/** The constant input the schedule sends (infra/functions/functions.ts). */
export const RECHECK_EVENT = { postkeep: 'recheck' } as const;

export function isRecheckEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { postkeep?: unknown }).postkeep === RECHECK_EVENT.postkeep;
}
