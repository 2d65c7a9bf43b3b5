import { fireEvent, render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { db } from '../../db/instance'
import { PlatformContext } from '../../platform/platform-context'
import { createWebPlatform } from '../../platform/web'
import { ActionItemsTable } from './ActionItemsTable'

it('keeps what is typed for a new item while the rows are held back, then shows them', async () => {
  const history = generateDataset(30, { eventsPer: 2, bigEvents: 0 })
  const item = history.actionItems[0]
  if (!item) throw new Error('The dataset has no action item.')
  await db.incidents.bulkPut(history.incidents)
  await db.actionItems.bulkPut(history.actionItems)
  const table = (rowsShown: boolean) => (
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <ActionItemsTable incidentId={item.incidentId} rowsShown={rowsShown} />
    </PlatformContext.Provider>
  )
  const { rerender } = render(table(false))
  // The post-mortem draws its document first: the form is there, the rows not yet.
  const field = await screen.findByLabelText('New action item')
  fireEvent.change(field, { target: { value: 'Page the owner of the pool' } })
  expect(screen.queryByRole('table')).toBeNull()
  rerender(table(true))
  expect(await screen.findByDisplayValue(item.title)).toBeTruthy()
  expect(screen.getByLabelText('New action item')).toBe(field)
  expect((field as HTMLInputElement).value).toBe('Page the owner of the pool')
})
