import type { IncidentKind, Phase, Severity } from './model'
import type { IncidentSummary } from './summary'

/** What the incidents list can be narrowed to; '' is "any". */
export interface ListFilter {
  phase: Phase | ''
  severity: Severity | ''
  status: 'open' | 'resolved' | 'closed' | ''
  service: string
  tag: string
  kind: IncidentKind | ''
  /** Started on or after this day (YYYY-MM-DD in the shown zone, turned into ms by the caller). */
  since: number | null
}

export const NO_FILTER: ListFilter = {
  phase: '',
  severity: '',
  status: '',
  service: '',
  tag: '',
  kind: '',
  since: null,
}

export function matchesFilter(i: IncidentSummary, f: ListFilter): boolean {
  const status = i.status === 'active' ? 'open' : i.status
  return (
    (!f.phase || i.phase === f.phase) &&
    (!f.severity || i.severity === f.severity) &&
    (!f.status || status === f.status) &&
    (!f.service || i.services.some((s) => s.toLowerCase() === f.service.toLowerCase())) &&
    (!f.tag || (i.tags ?? []).some((t) => t.toLowerCase() === f.tag.toLowerCase())) &&
    (!f.kind || (i.kind ?? 'incident') === f.kind) &&
    (f.since === null || i.startedAt >= f.since)
  )
}

export const isFiltered = (f: ListFilter): boolean =>
  Object.entries(f).some(([, v]) => v !== '' && v !== null)
