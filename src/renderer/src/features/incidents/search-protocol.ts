/** Messages between the incidents list and the search worker. */
export type ToSearch = { id: number } & ({ type: 'sync' } | { type: 'search'; query: string })

export type FromSearch =
  | { type: 'synced'; id: number; changed: number }
  /** `behind`: incidents the index is still adding (results may miss them for a moment). */
  | { type: 'results'; id: number; ids: string[]; behind: number }
  | { type: 'failed'; id: number; message: string }
