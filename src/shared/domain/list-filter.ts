import type { IncidentKind, Phase, Severity } from './model'
import type { ListRow } from './summary'

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

/**
 * The test `f` makes, made once for a whole list: only what is chosen is checked, and a service
 * or tag chosen is put in lower case once, not at every incident.
 */
export function filterTest(f: ListFilter): (i: ListRow) => boolean {
  const { phase, severity, status, kind, since } = f
  const service = f.service.toLowerCase()
  const tag = f.tag.toLowerCase()
  return (i) =>
    (!phase || i.phase === phase) &&
    (!severity || i.severity === severity) &&
    (!status || (i.status === 'active' ? 'open' : i.status) === status) &&
    (!service || i.services.some((s) => sameName(s, service))) &&
    (!tag || (i.tags ?? []).some((t) => sameName(t, tag))) &&
    (!kind || (i.kind ?? 'incident') === kind) &&
    (since === null || i.startedAt >= since)
}

const sameName = (name: string, lower: string): boolean => name.toLowerCase() === lower

export const isFiltered = (f: ListFilter): boolean =>
  Object.entries(f).some(([, v]) => v !== '' && v !== null)
