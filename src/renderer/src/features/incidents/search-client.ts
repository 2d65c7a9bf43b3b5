/**
 * The page's handle on the search index: in a worker (search.worker.ts) in the app; on the page
 * itself where workers are missing (unit tests) or the worker failed to start.
 */
import type { SteadyDb } from '../../db/database'
import type { Similar, SimilarQuery } from '@shared/domain/similar'
import type { FromSearch, ToSearch } from './search-protocol'
import type { SearchService } from './search-service'

export interface SearchClient {
  /** Brings the index up to date with the database. */
  sync(): Promise<void>
  /**
   * Incident ids matching `query`, best first; `behind`: incidents not indexed yet. Undefined when
   * a newer query was asked before this one was sent: only the latest waits for an answer. A long
   * answer's best matches come first, to `first`.
   */
  search(query: string, first?: (hits: Hits) => void): Promise<Hits | undefined>
  /** Past incidents like this one, most alike first ("Seen before?"). */
  similar(incident: SimilarQuery): Promise<Similar[]>
}

export interface Hits {
  ids: string[]
  /** Incidents not indexed yet. */
  behind: number
  /** Incidents last changed before this are searched through their headline only (see search.ts). */
  headlineBefore: number | null
  /** Only the best matches, sent ahead of the whole answer (which follows). */
  partial?: true
}

/** The index on the page: every query answered, in turn. */
type PageSearch = Omit<SearchClient, 'search'> & {
  search(query: string, first?: (hits: Hits) => void): Promise<Hits>
}

/**
 * The index on the page, its code loaded when first needed: the app searches in its worker, and
 * the index's code (its library, its packing) is kept out of what every start loads.
 */
function onPage(db: SteadyDb): PageSearch {
  let loaded: Promise<SearchService> | undefined
  const service = () =>
    (loaded ??= import('./search-service').then(({ SearchService }) => new SearchService(db, null)))
  return {
    sync: async () => void (await (await service()).sync()),
    search: async (query, first) => (await service()).hits(query, first),
    similar: async (incident) => (await service()).similar(incident),
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

export function createSearchClient(db: SteadyDb): SearchClient {
  if (typeof Worker === 'undefined') return onPage(db)
  // Started at the first call: nothing of it runs during start-up.
  let started: Worker | null = null
  let fallback: PageSearch | null = null
  let next = 0
  const waiting = new Map<
    number,
    { resolve(message: FromSearch): void; reject(e: Error): void; first?(hits: Hits): void }
  >()
  const worker = () => {
    if (started) return started
    started = new Worker(new URL('./search.worker.ts', import.meta.url), {
      type: 'module',
      name: 'search',
    })
    started.onmessage = ({ data }: MessageEvent<FromSearch>) => {
      const call = waiting.get(data.id)
      // The best matches ahead of the whole answer, which follows.
      if (data.type === 'first') return call?.first?.(data.hits)
      waiting.delete(data.id)
      if (data.type === 'failed') call?.reject(new Error(data.message))
      else call?.resolve(data)
    }
    // A worker that cannot start (a script error) leaves search to the page, not broken.
    started.onerror = (event) => {
      event.preventDefault()
      started?.terminate()
      fallback = onPage(db)
      for (const call of waiting.values()) call.reject(new Error('The search worker stopped.'))
      waiting.clear()
    }
    return started
  }
  const ask = (message: DistributiveOmit<ToSearch, 'id'>, first?: (hits: Hits) => void) =>
    new Promise<FromSearch>((resolve, reject) => {
      const id = ++next
      waiting.set(id, { resolve, reject, first })
      worker().postMessage({ ...message, id } as ToSearch)
    })
  // The query waiting for the worker to finish the one it has, and who asked it.
  let queued: {
    query: string
    first?(hits: Hits): void
    resolve(hits: Hits | undefined): void
  } | null = null
  let asking = false
  const pump = async () => {
    if (asking || !queued) return
    const { query, first, resolve } = queued
    queued = null
    asking = true
    try {
      resolve(await answerOf(query, first))
    } finally {
      asking = false
      void pump()
    }
  }
  const answerOf = async (query: string, first?: (hits: Hits) => void): Promise<Hits> => {
    if (fallback) return fallback.search(query, first)
    const answer = await ask({ type: 'search', query }, first).catch(() => null)
    if (answer?.type === 'results') return answer.hits
    return fallback
      ? (fallback as PageSearch).search(query, first)
      : { ids: [], behind: 0, headlineBefore: null }
  }
  return {
    sync: async () => {
      if (fallback) return fallback.sync()
      await ask({ type: 'sync' }).catch(() => fallback?.sync())
    },
    search: (query, first) => {
      // One query with the worker at a time, and the latest typed next: at 100,000 incidents a
      // query takes the worker a tenth of a second or more, and answering every keystroke in turn
      // left the list answering the word before last.
      queued?.resolve(undefined)
      return new Promise<Hits | undefined>((resolve) => {
        queued = { query, first, resolve }
        void pump()
      })
    },
    similar: async (incident) => {
      if (fallback) return fallback.similar(incident)
      // Only what the likeness is judged on crosses to the worker, not the whole record.
      const { id, title, symptoms, services, statusCodes, endpoints, errorMessages, startedAt } =
        incident
      const query = {
        id,
        title,
        symptoms,
        services,
        statusCodes,
        endpoints,
        errorMessages,
        startedAt,
      }
      const answer = await ask({ type: 'similar', incident: query }).catch(() => null)
      if (answer?.type === 'similar') return answer.found
      return fallback ? (fallback as SearchClient).similar(incident) : []
    },
  }
}
