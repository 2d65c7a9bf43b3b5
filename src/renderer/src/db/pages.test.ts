// @vitest-environment node
import 'fake-indexeddb/auto'
import { expect, it } from 'vitest'
import { keyPagesOf, pagesOf } from './pages'
import { testDb } from './test-db'

it('reads every row and every key once, in key order, a page at a time', async () => {
  const { db } = testDb()
  const ids = Array.from({ length: 25 }, (_, n) => `mark-${String(n).padStart(2, '0')}`)
  await db.syncMarks.bulkPut(ids.toReversed().map((id) => ({ id, listed: 1, local: id })))
  for (const size of [10, 5, 25, 100]) {
    const rows: string[][] = []
    for await (const page of pagesOf(db.syncMarks, size, (row) => row.id))
      rows.push(page.map((row) => row.id))
    const keys: string[][] = []
    for await (const page of keyPagesOf(db.syncMarks, size)) keys.push(page)
    // Pages of `size`, the last one shorter (or none after a full one), nothing read twice.
    const expected = Array.from({ length: Math.ceil(25 / size) }, (_, n) =>
      ids.slice(n * size, (n + 1) * size),
    )
    expect(rows).toEqual(expected)
    expect(keys).toEqual(expected)
  }
  await db.syncMarks.clear()
  for await (const page of keyPagesOf(db.syncMarks, 10)) expect.unreachable(String(page))
})
