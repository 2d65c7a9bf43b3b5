/** Reading a table a page at a time. */
import type { Table } from 'dexie'

/**
 * Every row of `table` in key order, a page at a time: each page a short read, the next read (in
 * the database's process) while this one is worked on. `key` is a row's primary key.
 */
export function pagesOf<T, Insert>(
  table: Table<T, string, Insert>,
  pageSize: number,
  key: (row: T) => string,
): AsyncGenerator<T[]> {
  return pages((after) => from(table, after).limit(pageSize).toArray(), pageSize, key)
}

/**
 * Every primary key of `table` in order, a page at a time (at 100,000 post-mortems, one read of
 * every key held the page 44 ms while its answer was turned into strings).
 */
export function keyPagesOf<T, Insert>(
  table: Table<T, string, Insert>,
  pageSize: number,
): AsyncGenerator<string[]> {
  return pages(
    (after) => from(table, after).limit(pageSize).primaryKeys(),
    pageSize,
    (k) => k,
  )
}

/** The rows of `table` after the key `after` (every row: null). */
const from = <T, Insert>(table: Table<T, string, Insert>, after: string | null) =>
  after === null ? table.toCollection() : table.where(':id').above(after)

async function* pages<R>(
  read: (after: string | null) => Promise<R[]>,
  pageSize: number,
  key: (row: R) => string,
): AsyncGenerator<R[]> {
  const next = (after: string | null): Promise<R[]> => {
    const page = read(after)
    // Awaited below; if the reader stops first, its failure is nobody's to report.
    page.catch(() => undefined)
    return page
  }
  let coming = next(null)
  for (;;) {
    const rows = await coming
    if (!rows.length) return
    coming = rows.length < pageSize ? Promise.resolve([]) : next(key(rows.at(-1) as R))
    yield rows
  }
}
