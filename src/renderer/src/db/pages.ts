/** Reading a table a page at a time. */
import type { Table } from 'dexie'

/**
 * Every row of `table` in key order, a page at a time: each page a short read, the next read (in
 * the database's process) while this one is worked on. `key` is a row's primary key.
 */
export async function* pagesOf<T, Insert>(
  table: Table<T, string, Insert>,
  pageSize: number,
  key: (row: T) => string,
): AsyncGenerator<T[]> {
  const read = (after: string | null): Promise<T[]> => {
    const page = (after === null ? table.toCollection() : table.where(':id').above(after))
      .limit(pageSize)
      .toArray()
    // Awaited below; if the reader stops first, its failure is nobody's to report.
    page.catch(() => undefined)
    return page
  }
  let next = read(null)
  for (;;) {
    const rows = await next
    if (!rows.length) return
    next = rows.length < pageSize ? Promise.resolve([]) : read(key(rows.at(-1) as T))
    yield rows
  }
}
