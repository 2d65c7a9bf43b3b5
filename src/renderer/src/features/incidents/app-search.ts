/** The app's one search index (in its worker), shared by the list and "Seen before?". */
import { db } from '../../db/instance'
import { createSearchClient, type SearchClient } from './search-client'

let client: SearchClient | undefined

/** Started at first use: coming back to a screen does not build the index again. */
export const appSearch = (): SearchClient => (client ??= createSearchClient(db))
