import type { Incident } from '@shared/domain/model'
import { act, renderHook } from '@testing-library/react'
import { expect, it } from 'vitest'
import { db, incidentsRepo } from '../../db/instance'
import { useUi } from '../../stores/ui-store'
import { useDetailField } from './use-detail-field'

const notes = async (id: string) =>
  (await db.events.where('incidentId').equals(id).toArray()).filter((e) => e.kind === 'note')

it('takes a write that lands long after the typing for its own echo, and keeps every character', async () => {
  const opened = await incidentsRepo.open({ title: 'Search empty' })
  const incident = (await db.incidents.get(opened.id)) as Incident
  const { result, rerender } = renderHook(
    ({ current }: { current: Incident }) => useDetailField(current, 'symptoms'),
    { initialProps: { current: incident } },
  )
  const typed = 'A nightly index swap pointed the alias at an empty index'
  for (let n = 1; n <= typed.length; n++) act(() => result.current[1](typed.slice(0, n)))
  // A busy database: the save of the 17th character lands after all 56 were typed.
  rerender({ current: { ...incident, symptoms: typed.slice(0, 17) } })
  expect(result.current[0]).toBe(typed)
  rerender({ current: { ...incident, symptoms: typed } })
  expect(result.current[0]).toBe(typed)
  expect(useUi.getState().notice).toBeNull()
  expect(await notes(opened.id)).toHaveLength(0)

  // A value typed twice ("…index" → "…index," → "…index" again): the first's save coming back
  // leaves the one in between still this window's own.
  act(() => result.current[1](`${typed} `))
  act(() => result.current[1](typed))
  act(() => result.current[1](`${typed},`))
  act(() => result.current[1](typed))
  for (const landed of [`${typed} `, typed, `${typed},`, typed]) {
    rerender({ current: { ...incident, symptoms: landed } })
    expect(result.current[0]).toBe(typed)
  }
  expect(useUi.getState().notice).toBeNull()

  // Another window's text, never sent from here, while typing: theirs is shown, ours is kept.
  act(() => result.current[1](`${typed}, twice`))
  rerender({ current: { ...incident, symptoms: 'Search returns nothing (from the laptop)' } })
  expect(result.current[0]).toBe('Search returns nothing (from the laptop)')
  await expect
    .poll(async () => (await notes(opened.id)).map((e) => e.payload))
    .toEqual([expect.objectContaining({ text: expect.stringContaining(`“${typed}, twice”`) })])
  expect(useUi.getState().notice).toMatch(/changed in another window/)
})
