/**
 * The incidents' search index, off the page's thread: building it for years of post-mortems,
 * saving it and answering queries never compete with typing. It opens the same database.
 */
import { SteadyDb } from '../../db/database'
import { openDatabase } from '../../db/errors'
import type { FromSearch, ToSearch } from './search-protocol'
import { SearchCache, SearchService, searchCacheName } from './search-service'

const scope = self as unknown as {
  postMessage(message: FromSearch): void
  onmessage: ((event: MessageEvent<ToSearch>) => void) | null
}
const service = openDatabase(new SteadyDb()).then(
  // Off the page, indexing lets queries in every 100 ms (each pause costs a few milliseconds).
  (db) => new SearchService(db, new SearchCache(searchCacheName(db)), { sliceMs: 100 }),
)

scope.onmessage = ({ data: message }) => {
  void (async () => {
    try {
      const search = await service
      if (message.type === 'sync')
        scope.postMessage({ type: 'synced', id: message.id, changed: await search.sync() })
      else if (message.type === 'similar')
        scope.postMessage({
          type: 'similar',
          id: message.id,
          found: await search.similar(message.incident),
        })
      else
        scope.postMessage({
          type: 'results',
          id: message.id,
          hits: await search.hits(message.query, (hits) =>
            scope.postMessage({ type: 'first', id: message.id, hits }),
          ),
        })
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      scope.postMessage({ type: 'failed', id: message.id, message: text })
    }
  })()
}
