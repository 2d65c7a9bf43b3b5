import type { Incident } from '@shared/domain/model'
import { describe, expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { countReads, testDb } from '../../db/test-db'
import { readHomePage } from './home-query'
import { sortForHome } from './home-order'

describe('the list’s first page', () => {
  it('is exactly the first rows of the whole list, read through indexes', async () => {
    const { db } = testDb()
    const incidents = generateDataset(70).incidents.map((incident, i): Incident => ({
      ...incident,
      // Every status, untriaged ones among the active, and times that interleave.
      status: i % 9 === 0 ? 'closed' : incident.status,
      severity: i % 11 === 0 ? null : incident.severity,
      updatedAt: incident.updatedAt + ((i * 7919) % 97) * 60_000,
    }))
    await db.incidents.bulkAdd(incidents)
    const whole = sortForHome(incidents)
    for (const size of [1, 5, 30, 70, 100]) {
      expect((await readHomePage(db, size)).map((i) => i.id)).toEqual(
        whole.slice(0, size).map((i) => i.id),
      )
    }
  })

  it('reads a few pages of records however many incidents are active', async () => {
    const t = testDb()
    const reads = countReads(t.db)
    const incidents = generateDataset(600).incidents.map((incident): Incident => ({
      ...incident,
      status: 'active',
      severity: incident.severity ?? 'SEV3',
    }))
    await t.db.incidents.bulkAdd(incidents)
    const before = reads['incidents'] ?? 0
    expect(await readHomePage(t.db, 30)).toHaveLength(30)
    // Thirty of each severity; the untriaged (none here) would come after them all: not read.
    expect((reads['incidents'] ?? 0) - before).toBeLessThanOrEqual(4 * 30)
  })

  it('is empty when there are no incidents', async () => {
    expect(await readHomePage(testDb().db, 30)).toEqual([])
  })
})
