import type { Incident } from '@shared/domain/model'

/** The text search looks in: title, symptoms, errors, endpoints and notes, in lower case. */
export const searchText = (incident: Incident): string =>
  [
    incident.title,
    incident.symptoms,
    incident.errorMessages,
    incident.endpoints.join(' '),
    incident.notes.map((n) => n.text).join(' '),
  ]
    .join('\n')
    .toLowerCase()

/** Every word of the query appears in the incident's search text. */
export function matchesSearch(text: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  return words.every((w) => text.includes(w))
}

const STATUS_ORDER = { active: 0, resolved: 1, closed: 2, deleted: 3 } as const
const SEVERITY_ORDER = { SEV1: 0, SEV2: 1, SEV3: 2, SEV4: 3 } as const

/** Active first (most severe, then most recent), then resolved, then closed. */
export function sortForHome(incidents: Incident[]): Incident[] {
  return [...incidents].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.status === 'active'
        ? (a.severity ? SEVERITY_ORDER[a.severity] : 4) -
          (b.severity ? SEVERITY_ORDER[b.severity] : 4)
        : 0) ||
      b.updatedAt - a.updatedAt,
  )
}
