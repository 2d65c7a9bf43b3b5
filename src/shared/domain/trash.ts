/**
 * Deleted incidents (test runs, mistakes) wait in the trash, out of every list and reminder, for
 * 30 days; until then one click restores them exactly as they were.
 */
import type { Incident } from './model'
import { DAY } from './time'

export const TRASH_DAYS = 30

/** When a deleted incident leaves the trash for good. */
export const purgeAt = (incident: Pick<Incident, 'deletedAt'>): number | null =>
  incident.deletedAt === null ? null : incident.deletedAt + TRASH_DAYS * DAY

export const isExpired = (incident: Pick<Incident, 'status' | 'deletedAt'>, now: number) =>
  incident.status === 'deleted' && (purgeAt(incident) ?? Infinity) <= now
