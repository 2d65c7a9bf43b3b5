/** Messages between the page and the search worker. */
import type { Similar, SimilarQuery } from '@shared/domain/similar'
import type { Hits } from './search-client'

export type ToSearch = { id: number } & (
  { type: 'sync' } | { type: 'search'; query: string } | { type: 'similar'; incident: SimilarQuery }
)

export type FromSearch =
  | { type: 'synced'; id: number; changed: number }
  | { type: 'results'; id: number; hits: Hits }
  /** A long answer's best matches, ahead of its 'results'. */
  | { type: 'first'; id: number; hits: Hits }
  | { type: 'similar'; id: number; found: Similar[] }
  | { type: 'failed'; id: number; message: string }
