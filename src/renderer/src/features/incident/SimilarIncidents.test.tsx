import type { Incident } from '@shared/domain/model'
import { HOUR } from '@shared/domain/time'
import { render, screen, waitFor } from '@testing-library/react'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { db } from '../../db/instance'
import { countReads } from '../../db/test-db'
import { DuplicateWarning } from './SimilarIncidents'

it('warns of an open incident that looks the same, reading only the open ones that started near it', async () => {
  const history = generateDataset(2000, { eventsPer: 1, bigEvents: 0 })
  const open = history.incidents.filter((i) => i.status === 'active')
  expect(open.length).toBeGreaterThan(50)
  const [twin] = open
  if (!twin) throw new Error('no open incident')
  // A new one, an hour after an open one, with the same symptoms and service.
  const current: Incident = {
    ...twin,
    id: 'new-one',
    title: '',
    startedAt: twin.startedAt + HOUR,
    related: [],
  }
  const reads = countReads(db)
  await db.incidents.bulkPut(history.incidents)
  const before = reads['incidents'] ?? 0
  render(<DuplicateWarning incident={current} />)
  await screen.findByText(/This looks like/)
  const near = open.filter((i) => Math.abs(i.startedAt - current.startedAt) <= 6 * HOUR)
  await waitFor(() => expect((reads['incidents'] ?? 0) - before).toBe(near.length))
  expect(near.length).toBeLessThan(open.length / 10)
})
