import { fireEvent, render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { db } from '../../db/instance'
import { PlatformContext } from '../../platform/platform-context'
import { createWebPlatform } from '../../platform/web'
import { RemindersPage } from './RemindersPage'

it('shows a long list of due reminders twenty incidents at a time', async () => {
  // A bad month: hundreds of incidents in progress, each with reminders due.
  const history = generateDataset(300, { eventsPer: 2, bigEvents: 2, busy: true })
  await db.incidents.bulkPut(history.incidents)
  await db.actionItems.bulkPut(history.actionItems)
  render(
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <RemindersPage />
    </PlatformContext.Provider>,
  )
  const more = await screen.findByRole('button', { name: /^Show 20 more incidents/ })
  const groups = () => document.querySelectorAll('.reminder-group')
  expect(groups()).toHaveLength(20)
  const total = Number(/\((\d+) not shown\)/.exec(more.textContent ?? '')?.[1]) + 20
  expect(total).toBeGreaterThan(40)
  fireEvent.click(more)
  expect(groups()).toHaveLength(40)
})
