import { HOUR } from '@shared/domain/time'
import type { RepositoryChanges } from '@shared/ipc-contract'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { expect, it } from 'vitest'
import { db, incidentsRepo } from '../../db/instance'
import type { Platform } from '../../platform/platform'
import { PlatformContext } from '../../platform/platform-context'
import { RecentCommits } from './RecentCommits'

const change = (subject: string, at: number, kind: 'commit' | 'merge' = 'commit') => ({
  hash: `${subject.length}`.padEnd(40, 'a'),
  at,
  author: 'Ana',
  subject,
  kind,
  tags: kind === 'merge' ? ['v1.4.0'] : [],
})

/** The panel as Triage shows it, with the desktop's git answering `repos` (the process boundary). */
async function setup(repos: RepositoryChanges[] | null) {
  const startedAt = Date.now() - HOUR
  const { id } = await incidentsRepo.open({ title: 'Checkout 502', startedAt })
  const asked: { from: number; to: number }[] = []
  const platform = {
    git: repos && {
      recent: (window: { from: number; to: number }) => {
        asked.push(window)
        return Promise.resolve(repos)
      },
    },
  } as unknown as Platform
  const show = async () => {
    const incident = (await db.incidents.get(id))!
    return (
      <PlatformContext.Provider value={platform}>
        <RecentCommits incident={incident} />
      </PlatformContext.Provider>
    )
  }
  const view = render(await show())
  return { id, startedAt, asked, rerender: async () => view.rerender(await show()) }
}

it('lists what changed before impact; a suspect goes on the timeline at its commit time, and comes off', async () => {
  const startedAt = Date.now() - HOUR
  const { id, asked, rerender } = await setup([
    {
      path: '/src/checkout',
      name: 'checkout',
      changes: [
        change('Merge pool change', startedAt - 2 * HOUR, 'merge'),
        change('Bump pool', startedAt - 3 * HOUR),
      ],
    },
  ])
  await screen.findByText('Merge pool change')
  // Six hours before impact by default, up to a quarter of an hour after it started.
  expect(asked[0]!.to - asked[0]!.from).toBe(6.25 * HOUR)
  expect(screen.getByText(/merge · v1\.4\.0 · Ana/).textContent).toContain('(2h before impact)')
  fireEvent.click(screen.getByRole('checkbox', { name: 'Suspect: Bump pool' }))
  await waitFor(async () =>
    expect((await db.incidents.get(id))?.notes.map((n) => n.text)).toEqual([
      `Suspect change: checkout ${'9'.padEnd(8, 'a')} “Bump pool” (commit by Ana)`,
    ]),
  )
  const events = await incidentsRepo.events(id)
  expect(events.find((e) => e.kind === 'note')?.at).toBe(startedAt - 3 * HOUR)
  await rerender()
  const box = screen.getByRole('checkbox', { name: 'Suspect: Bump pool' })
  expect((box as HTMLInputElement).checked).toBe(true)
  fireEvent.click(box)
  await waitFor(async () => expect((await db.incidents.get(id))?.notes).toEqual([]))
})

it('says where to add repositories, and that a browser cannot read them', async () => {
  await setup([])
  expect(await screen.findByText(/to see what changed before impact/)).toBeTruthy()
  document.body.innerHTML = ''
  await setup(null)
  expect(screen.getByText(/show here in the desktop app/)).toBeTruthy()
})
