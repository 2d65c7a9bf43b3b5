import type { EventDraft } from './events'
import type { Incident, Severity } from './model'

export const DEFAULT_SEVERITY_DEFINITIONS: Record<Severity, string> = {
  SEV1: 'Critical: all or most users cannot use the product, or data or security is at risk.',
  SEV2: 'Major: a core feature is broken for many users, with no good workaround.',
  SEV3: 'Minor: a feature is degraded for some users, or a workaround exists.',
  SEV4: 'Low: cosmetic or very limited impact; no urgency.',
}

/** The three triage questions behind a suggested severity. */
export interface SeverityAnswers {
  /** Who is affected: everyone (or nearly), some users, or a few (one customer, internal only). */
  affected: 'all' | 'some' | 'few'
  dataOrSecurityRisk: boolean
  workaround: boolean
}

export function suggestSeverity(answers: SeverityAnswers): Severity {
  if (answers.dataOrSecurityRisk) return 'SEV1'
  const byReach: Record<SeverityAnswers['affected'], [Severity, Severity]> = {
    // [without a workaround, with one]
    all: ['SEV1', 'SEV2'],
    some: ['SEV2', 'SEV3'],
    few: ['SEV3', 'SEV4'],
  }
  return byReach[answers.affected][answers.workaround ? 1 : 0]
}

/** Classifies or reclassifies, at any phase; the history stays on the timeline. */
export function changeSeverity(
  incident: Incident,
  to: Severity,
  now: number,
  reason?: string,
): EventDraft | null {
  if (incident.severity === to) return null
  const why = reason?.trim()
  return {
    kind: 'severity-changed',
    at: now,
    payload: { from: incident.severity, to, ...(why ? { reason: why } : {}) },
  }
}
