/**
 * "Have we seen this before?": past incidents that look like this one, scored on what the record
 * holds — the same services, the same status codes and endpoints, overlapping error messages, and
 * the words of the symptoms — so the answer comes with its root cause and what worked.
 */
import type { Incident } from './model'

const STOP = new Set(
  'the and for are was were with that this from have has had not but all any can our out get got its into when then than they them their there what which while will would about after before over under more some only very also just been being does did'.split(
    ' ',
  ),
)

/** The meaningful words of a text: lower case, four letters or more, no stop words. */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}_]+/u)
      .filter((w) => w.length >= 4 && !STOP.has(w)),
  )
}

/** How much two sets share, 0 to 1 (Jaccard). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}

const lowerSet = (values: readonly string[]) => new Set(values.map((v) => v.trim().toLowerCase()))

export interface Similar {
  incident: Incident
  score: number
  /** Why it matched, for the user: "same service checkout", "502", "similar errors". */
  reasons: string[]
}

interface Prepared {
  services: Set<string>
  codes: Set<string>
  endpoints: Set<string>
  errors: Set<string>
  symptoms: Set<string>
}

/** What of the current incident its likeness is judged on. */
export type SimilarQuery = Pick<
  Incident,
  | 'id'
  | 'title'
  | 'symptoms'
  | 'services'
  | 'statusCodes'
  | 'endpoints'
  | 'errorMessages'
  | 'startedAt'
>

const prepare = (i: SimilarQuery): Prepared => ({
  services: lowerSet(i.services),
  codes: lowerSet(i.statusCodes),
  endpoints: lowerSet(i.endpoints),
  errors: words(i.errorMessages),
  symptoms: words(`${i.title} ${i.symptoms}`),
})

function score(a: Prepared, b: Prepared): { score: number; reasons: string[] } {
  const reasons: string[] = []
  let total = 0
  const same = (x: Set<string>, y: Set<string>) => [...x].filter((v) => y.has(v))
  const services = same(a.services, b.services)
  if (services.length) {
    total += 3
    reasons.push(`same service ${services.join(', ')}`)
  }
  const codes = same(a.codes, b.codes)
  if (codes.length) {
    total += 1
    reasons.push(codes.join(', '))
  }
  const endpoints = same(a.endpoints, b.endpoints)
  if (endpoints.length) {
    total += 2
    reasons.push(endpoints.join(', '))
  }
  const errors = overlap(a.errors, b.errors)
  if (errors >= 0.2) {
    total += 4 * errors
    reasons.push('similar errors')
  }
  const symptoms = overlap(a.symptoms, b.symptoms)
  if (symptoms >= 0.15) {
    total += 3 * symptoms
    reasons.push('similar symptoms')
  }
  return { score: total, reasons }
}

/**
 * The words an incident's likeness is judged on (services, codes, endpoints, the meaningful words
 * of its errors, title and symptoms), for a full-text index to find candidates by.
 */
export function similarityTerms(incident: SimilarQuery): string {
  const p = prepare(incident)
  return [p.services, p.codes, p.endpoints, p.errors, p.symptoms]
    .flatMap((set) => [...set])
    .join(' ')
}

/** Candidates read once (their word sets), then compared with each change of the current one. */
export type Candidates = readonly { incident: Incident; prepared: Prepared }[]

export const prepareCandidates = (incidents: readonly Incident[]): Candidates =>
  incidents
    .filter((incident) => incident.status !== 'deleted')
    .map((incident) => ({ incident, prepared: prepare(incident) }))

/** Up to `limit` other incidents like `current`, most alike first; nothing below `threshold`. */
export function similarIncidents(
  current: SimilarQuery,
  candidates: Candidates,
  { limit = 5, threshold = 1 } = {},
): Similar[] {
  const me = prepare(current)
  const found: Similar[] = []
  for (const { incident: other, prepared } of candidates) {
    if (other.id === current.id) continue
    const { score: s, reasons } = score(me, prepared)
    if (s >= threshold) found.push({ incident: other, score: s, reasons })
  }
  return found
    .sort((a, b) => b.score - a.score || b.incident.startedAt - a.incident.startedAt)
    .slice(0, limit)
}

/** An open incident that looks like this new one, started within `withinMs`: likely the same. */
/** How far apart two incidents' starts may be to be the same one. */
export const DUPLICATE_WITHIN = 6 * 60 * 60_000

export function likelyDuplicate(
  current: Incident,
  candidates: readonly Incident[],
  withinMs = DUPLICATE_WITHIN,
): Similar | null {
  const open = candidates.filter(
    (c) => c.status === 'active' && Math.abs(c.startedAt - current.startedAt) <= withinMs,
  )
  return similarIncidents(current, prepareCandidates(open), { limit: 1, threshold: 2.5 })[0] ?? null
}
