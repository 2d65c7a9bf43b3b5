/**
 * Which incidents need a post-mortem, and by when its review should happen: a rule by severity
 * (Settings; the defaults are DEFAULT_POSTMORTEM_POLICY in model.ts).
 */
import { addBusinessDays, addDays } from 'date-fns'
import type { Incident, SeverityPolicy, Settings } from './model'

export type PostmortemNeed = SeverityPolicy['need']

export const NEED_LABELS: Record<PostmortemNeed, string> = {
  required: 'Required',
  suggested: 'Suggested',
  optional: 'Optional',
}

/** An incident never classified is treated like the middle: suggested. */
export function postmortemNeed(
  incident: Pick<Incident, 'severity'>,
  settings: Settings,
): PostmortemNeed {
  return incident.severity ? settings.postmortemPolicy[incident.severity].need : 'suggested'
}

/** When the review should have happened by (local days), or null when there is no deadline. */
export function reviewDueAt(
  incident: Pick<Incident, 'resolvedAt' | 'severity'>,
  settings: Settings,
): number | null {
  if (incident.resolvedAt === null || !incident.severity) return null
  const { reviewDays, businessDays } = settings.postmortemPolicy[incident.severity]
  if (reviewDays === null) return null
  const start = new Date(incident.resolvedAt)
  return (businessDays ? addBusinessDays(start, reviewDays) : addDays(start, reviewDays)).getTime()
}
