/**
 * Search over incidents with MiniSearch, a well-kept in-browser full-text library (chosen over
 * FlexSearch for its per-field boosts, fuzzy and prefix matching, incremental add/replace/remove,
 * and typed API; it needs no workers or WASM). Titles rank first, then symptoms and errors, then
 * everything else that was written down: notes, mitigations, hypotheses, causes and factors, the
 * post-mortem's text and the action items. The index is kept in step with the list incrementally,
 * in small chunks that never block typing.
 */
import { yieldToPage } from '../../platform/perf'
import type { Incident } from '@shared/domain/model'
import MiniSearch from 'minisearch'
import { packIndex, unpackIndex, type PackedIndex } from './search-pack'
import { indexVersion, largest, rankQuery, ranked, type Ranking } from './search-query'

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

/**
 * What search reads of an incident: everything written down, or (`full` false) only its headline
 * (title, symptoms, errors, services, tags, causes and factors; not its notes, work, post-mortem
 * or action items).
 */
export function toSearchDoc(
  incident: Incident,
  extras: SearchExtras = NO_EXTRAS,
  full = true,
): SearchDoc {
  const rc = incident.rootCause
  const doc = {
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
  return full ? doc : { ...doc, notes: '', work: '', postmortem: '', actions: '' }
}

/**
 * How many incidents, the most recently changed, are searched through everything written about
 * them; older ones through their headline only. Everything written about an incident (its notes,
 * post-mortem, action items) costs about 19 KB of index, a headline about 3 KB (the benchmark's
 * history: 10,000 whole incidents held 190 MB). With 2,000 whole, the worker peaked at 350 MB at
 * 100,000 incidents; 2,000 is years of incidents for most teams.
 */
export const FULL_TEXT_INCIDENTS = 2_000

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

/** How long indexing runs on the page before it lets the page handle input. */
const SLICE_MS = 12

/** What a saved index holds; `format` changes whenever the fields or their options do. */
export interface SearchSnapshot {
  format: number
  index: PackedIndex
  indexed: [string, number][]
  /** Ids indexed with everything written about them (the others: their headline). */
  full: string[]
  postmortemsSeen: number
  /**
   * The summaries' revision it has every change up to (summary-revisions.ts): the next start
   * reads only what was written since. Absent, every incident's last update is read.
   */
  rev?: number
}
export const SNAPSHOT_FORMAT = 3

/** The index behind the incidents list, brought up to date with `update` (or `sync`). */
export class IncidentSearch {
  private index = newIndex()
  /** What is indexed: id → the incident's last update. */
  private indexed = new Map<string, number>()
  /** Incidents indexed with everything written about them (see FULL_TEXT_INCIDENTS). */
  private full = new Set<string>()
  /** The latest post-mortem save indexed. */
  private postmortemsSeen = 0

  /**
   * `sliceMs`: how long indexing runs before letting other work in (input on the page; queries
   * in the search worker, where it can run longer).
   */
  constructor(
    private readonly source?: SearchSource,
    private readonly sliceMs = SLICE_MS,
    private readonly fullText = FULL_TEXT_INCIDENTS,
  ) {}

  /**
   * Incidents last changed before this are searched through their headline only (null: every
   * incident is searched through everything written about it).
   */
  headlineBefore: number | null = null

  /**
   * Starts from a saved index (see `snapshot`), so the next start indexes only what changed since.
   * A snapshot of another format, or unreadable, is ignored: the index is built again.
   */
  restore(snapshot: SearchSnapshot): boolean {
    if (snapshot.format !== SNAPSHOT_FORMAT) return false
    try {
      this.index = unpackIndex<SearchDoc>(snapshot.index, {
        fields: [...FIELDS],
        searchOptions: SEARCH_OPTIONS,
      })
    } catch {
      return false
    }
    this.indexed = new Map(snapshot.indexed)
    this.full = new Set(snapshot.full)
    this.postmortemsSeen = snapshot.postmortemsSeen
    return true
  }

  /** The index as it is, to be saved (call between updates: it is read at once). */
  snapshot(): SearchSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      index: packIndex(this.index as MiniSearch<unknown>),
      indexed: [...this.indexed],
      full: [...this.full],
      postmortemsSeen: this.postmortemsSeen,
    }
  }

  /** Brings the index up to date with these incidents (tests, and where the list is at hand). */
  sync(incidents: readonly Incident[], chunk = 500): Promise<number> {
    const byId = new Map(incidents.map((incident) => [incident.id, incident]))
    return this.update(
      new Map(incidents.map((incident) => [incident.id, incident.updatedAt])),
      async (ids) => ids.map((id) => byId.get(id)).filter((i): i is Incident => i !== undefined),
      chunk,
    )
  }

  /**
   * Adds new incidents, re-indexes changed ones (a new event, or a post-mortem saved) and removes
   * those gone, given every incident's last update (`stamps`, read from an index: no records);
   * only the changed incidents are loaded, `chunk` at a time with their extras, and indexing
   * gives the thread back every few milliseconds. Resolves to how many were (re)indexed.
   */
  update(
    stamps: ReadonlyMap<string, number>,
    load: (ids: string[]) => Promise<Incident[]>,
    chunk = 500,
  ): Promise<number> {
    // One update at a time: a later one starts from what the earlier one indexed.
    const run = this.running.then(() => this.updateNow(stamps, load, chunk))
    this.running = run.catch(() => undefined)
    return run
  }

  private running: Promise<unknown> = Promise.resolve()

  /** How many incidents the running update still has to index (0 when the index is current). */
  behind = 0

  private async updateNow(
    stamps: ReadonlyMap<string, number>,
    load: (ids: string[]) => Promise<Incident[]>,
    chunk: number,
  ): Promise<number> {
    const saved = await this.source?.postmortemsSavedSince(this.postmortemsSeen)
    const rewritten = new Set(saved?.ids)
    const full = this.fullTextOf(stamps)
    const changed: string[] = []
    for (const [id, updatedAt] of stamps)
      if (
        this.indexed.get(id) !== updatedAt ||
        rewritten.has(id) ||
        // Newly among the most recent, or no longer: indexed again, whole or headline.
        this.full.has(id) !== full.has(id)
      )
        changed.push(id)
    for (const id of [...this.indexed.keys()])
      if (!stamps.has(id)) {
        this.index.discard(id)
        this.indexed.delete(id)
        this.full.delete(id)
      }
    // The next batch is read while this one is indexed.
    const read = async (from: number) => {
      if (from >= changed.length) return undefined
      const ids = changed.slice(from, from + chunk)
      const [incidents, extras] = await Promise.all([
        load(ids),
        this.source?.extras(ids.filter((id) => full.has(id))),
      ])
      return { incidents, extras }
    }
    let next = read(0)
    let slice = performance.now()
    this.behind = changed.length
    for (let i = 0; i < changed.length; i += chunk) {
      const batch = await next
      next = read(i + chunk)
      for (const incident of batch?.incidents ?? []) {
        const whole = full.has(incident.id)
        const doc = toSearchDoc(incident, batch?.extras?.get(incident.id), whole)
        if (this.indexed.has(incident.id)) this.index.replace(doc)
        else this.index.add(doc)
        this.indexed.set(incident.id, incident.updatedAt)
        if (whole) this.full.add(incident.id)
        else this.full.delete(incident.id)
        if (performance.now() - slice > this.sliceMs) {
          await yieldToPage()
          slice = performance.now()
        }
      }
      this.behind = Math.max(0, changed.length - i - chunk)
    }
    if (saved) this.postmortemsSeen = Math.max(this.postmortemsSeen, saved.latest)
    return changed.length
  }

  /**
   * The incidents searched through everything written about them: the `fullText` most recently
   * changed (all of them, in most histories). Sets `headlineBefore`.
   */
  private fullTextOf(stamps: ReadonlyMap<string, number>): ReadonlySet<string> {
    if (stamps.size <= this.fullText) {
      this.headlineBefore = null
      return new Set(stamps.keys())
    }
    // The latest change that is still among them: a selection, not a sort (100,000 stamps
    // sorted at each change took 90 ms of the update that a search or "Seen before?" waits for).
    const times = new Float64Array(stamps.size)
    let at = 0
    for (const time of stamps.values()) times[at++] = time
    const { least: oldest, ties } = largest(times, this.fullText)
    // Then the later ones, and as many of those changed at that moment as there is room for
    // (the first listed, as a sort keeping their order would).
    let room = ties
    const recent = new Set<string>()
    for (const [id, time] of stamps)
      if (time > oldest || (time === oldest && room-- > 0)) recent.add(id)
    this.headlineBefore = oldest
    return recent
  }

  /** Incident ids matching `query`, best first (a title match before a match in a note). */
  search(query: string): string[] {
    return this.rank(query).all()
  }

  /** The incidents matching `query`, ranked (read it before the next query: see `Ranking`). */
  rank(query: string): Ranking {
    const words = query.trim().split(/\s+/).filter(Boolean)
    // A letter just typed after a word narrows nothing yet (every word has one): the query is
    // the words before it. A letter alone looks in titles only. Either way a keystroke never
    // scores every document for every word that starts with that letter.
    if (words.length > 1 && words.at(-1)?.length === 1) words.pop()
    const options = words.length === 1 && words[0]?.length === 1 ? { fields: ['title'] } : {}
    // "checkout t" asks what "checkout" asked: answered again from the last answer, if the
    // index has not changed since.
    const index = this.index as MiniSearch<unknown>
    const asked = `${options.fields ?? ''}:${words.join(' ')}:${indexVersion(index)}`
    if (this.last?.index === index && this.last.asked === asked) return ranked(this.last.ids)
    const ranking = rankQuery(index, words.join(' '), options)
    return {
      ...ranking,
      all: (scores) => {
        const ids = ranking.all(scores)
        this.last = { index, asked, ids }
        return ids
      },
    }
  }

  /** The last query answered whole (and the index it was asked of). */
  private last: { index: MiniSearch<unknown>; asked: string; ids: string[] } | null = null

  get size(): number {
    return this.indexed.size
  }

  /**
   * Up to `limit` incident ids sharing any of `terms` in their title, symptoms or errors (services,
   * endpoints and codes are there too), most alike first: where "Seen before?" looks.
   */
  candidates(terms: string, limit: number): string[] {
    if (!terms.trim()) return []
    // Any of the words, ranked as MiniSearch ranks them, without its object per document (at
    // 100,000 incidents its own search took 150-300 ms for a few common words).
    return rankQuery(this.index as MiniSearch<unknown>, terms, {
      fields: ['title', 'symptoms', 'errors'],
      combineWith: 'OR',
      prefix: false,
      fuzzy: false,
    }).best(limit)
  }
}
