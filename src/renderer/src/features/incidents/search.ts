/**
 * Search over incidents with MiniSearch, a well-kept in-browser full-text library (chosen over
 * FlexSearch for its per-field boosts, fuzzy and prefix matching, incremental add/replace/remove,
 * and typed API; it needs no workers or WASM). Titles rank first, then symptoms and errors, then
 * everything else that was written down: notes, mitigations, hypotheses, causes and factors, the
 * post-mortem's text and the action items. The index is kept in step with the list incrementally,
 * in small chunks that never block typing.
 */
import type { Incident } from '@shared/domain/model'
import MiniSearch from 'minisearch'

interface SearchDoc {
  id: string
  title: string
  symptoms: string
  errors: string
  notes: string
  work: string
  causes: string
  postmortem: string
  actions: string
}

const FIELDS = [
  'title',
  'symptoms',
  'errors',
  'notes',
  'work',
  'causes',
  'postmortem',
  'actions',
] as const

/** What is written about an incident outside its record: the post-mortem and the action items. */
export interface SearchExtras {
  postmortem: string
  actions: string
}

/** Where the index reads what lives outside the incident record (the database, in the app). */
export interface SearchSource {
  /** The post-mortem text and action items of these incidents (absent: nothing written). */
  extras(ids: readonly string[]): Promise<Map<string, SearchExtras>>
  /** Incidents whose post-mortem was saved after `since`, and the latest save seen. */
  postmortemsSavedSince(since: number): Promise<{ ids: string[]; latest: number }>
}

const NO_EXTRAS: SearchExtras = { postmortem: '', actions: '' }

/** What search reads of an incident. */
export function toSearchDoc(incident: Incident, extras: SearchExtras = NO_EXTRAS): SearchDoc {
  const rc = incident.rootCause
  return {
    id: incident.id,
    title: incident.title || incident.symptoms.split('\n')[0] || '',
    symptoms: incident.symptoms,
    errors: [incident.errorMessages, incident.endpoints.join(' '), incident.statusCodes.join(' ')]
      .concat(incident.services, incident.tags ?? [])
      .join('\n'),
    notes: incident.notes.map((n) => n.text).join('\n'),
    work: [
      ...incident.mitigations.map((m) => [m.action, m.expected, m.observed].join(' ')),
      ...incident.hypotheses.map((h) => [h.statement, h.howToTest, h.evidence].join(' ')),
    ].join('\n'),
    causes: [
      rc.trigger,
      rc.mechanism,
      rc.impact,
      rc.summary,
      rc.contributingFactors,
      ...(incident.factors ?? []).map((f) => `${f.category} ${f.text}`),
    ].join('\n'),
    ...extras,
  }
}

export const SEARCH_OPTIONS = {
  boost: { title: 5, symptoms: 2, errors: 1.5 },
  // The word being typed (the last) matches as a prefix; the words before it are whole.
  prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
  // One typo in a word of five letters or more; short words must match exactly.
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : 0),
  combineWith: 'AND',
} as const

const newIndex = () =>
  new MiniSearch<SearchDoc>({ fields: [...FIELDS], searchOptions: SEARCH_OPTIONS })

/** How long indexing runs before it lets the page handle input. */
const SLICE_MS = 12

/**
 * Lets input and rendering run, then continues: scheduler.yield() where the browser has it (it
 * resumes ahead of other tasks), else a timeout (which browsers clamp to 4 ms after a few).
 */
const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))
}

/** The index behind the incidents list, brought up to date with `sync`. */
export class IncidentSearch {
  private index = newIndex()
  /** What is indexed: id → the incident's last update. */
  private indexed = new Map<string, number>()
  /** The latest post-mortem save indexed. */
  private postmortemsSeen = 0

  constructor(private readonly source?: SearchSource) {}

  /**
   * Adds new incidents, re-indexes changed ones (a new event, or a post-mortem saved) and removes
   * those gone, in slices of a few milliseconds (reading `chunk` incidents' extras at a time), so
   * building the index for years of incidents never blocks the page.
   */
  sync(incidents: readonly Incident[], chunk = 500): Promise<void> {
    // One sync at a time: a later one starts from what the earlier one indexed.
    this.running = this.running.then(() => this.syncNow(incidents, chunk))
    return this.running
  }

  private running = Promise.resolve()

  /** How many incidents the running sync still has to index (0 when the index is current). */
  behind = 0

  private async syncNow(incidents: readonly Incident[], chunk: number): Promise<void> {
    const saved = await this.source?.postmortemsSavedSince(this.postmortemsSeen)
    const rewritten = new Set(saved?.ids)
    const present = new Set<string>()
    const changed: Incident[] = []
    for (const incident of incidents) {
      present.add(incident.id)
      if (this.indexed.get(incident.id) !== incident.updatedAt || rewritten.has(incident.id))
        changed.push(incident)
    }
    for (const id of [...this.indexed.keys()])
      if (!present.has(id)) {
        this.index.discard(id)
        this.indexed.delete(id)
      }
    // The next batch's post-mortems and action items are read while this one is indexed; the
    // indexing gives the page back every few milliseconds.
    const read = (from: number) =>
      from < changed.length
        ? this.source?.extras(changed.slice(from, from + chunk).map((incident) => incident.id))
        : undefined
    let next = read(0)
    let slice = performance.now()
    this.behind = changed.length
    for (let i = 0; i < changed.length; i += chunk) {
      const extras = await next
      next = read(i + chunk)
      for (const incident of changed.slice(i, i + chunk)) {
        const doc = toSearchDoc(incident, extras?.get(incident.id))
        if (this.indexed.has(incident.id)) this.index.replace(doc)
        else this.index.add(doc)
        this.indexed.set(incident.id, incident.updatedAt)
        this.behind--
        if (performance.now() - slice > SLICE_MS) {
          await yieldToPage()
          slice = performance.now()
        }
      }
    }
    if (saved) this.postmortemsSeen = Math.max(this.postmortemsSeen, saved.latest)
  }

  /** Incident ids matching `query`, best first (a title match before a match in a note). */
  search(query: string): string[] {
    const words = query.trim().split(/\s+/).filter(Boolean)
    if (!words.length) return []
    // A letter just typed after a word narrows nothing yet (every word has one): the query is
    // the words before it. A letter alone looks in titles only. Either way a keystroke never
    // scores every document for every word that starts with that letter.
    if (words.length > 1 && words.at(-1)?.length === 1) words.pop()
    const options = words.length === 1 && words[0]?.length === 1 ? { fields: ['title'] } : {}
    return this.index.search(words.join(' '), options).map((result) => String(result.id))
  }

  get size(): number {
    return this.indexed.size
  }
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
