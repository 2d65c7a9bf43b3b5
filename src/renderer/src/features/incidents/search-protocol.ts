/** Messages between the page and the search worker. */
import type { Similar, SimilarQuery } from '@shared/domain/similar'

export type ToSearch = { id: number } & (
  { type: 'sync' } | { type: 'search'; query: string } | { type: 'similar'; incident: SimilarQuery }
)

export type FromSearch =
  | { type: 'synced'; id: number; changed: number }
  /** `behind`: incidents the index is still adding (results may miss them for a moment). */
  | { type: 'results'; id: number; ids: string[]; behind: number }
  | { type: 'similar'; id: number; found: Similar[] }
  | { type: 'failed'; id: number; message: string }
