import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { expect, it } from 'vitest'
import { db, incidentsRepo } from '../../db/instance'
import { Factors } from './Factors'

/** The component as the Diagnose screen shows it: always with the incident as stored now. */
async function setup() {
  const { id } = await incidentsRepo.open({ title: 'Search is empty' })
  const view = render(<Factors incident={(await db.incidents.get(id))!} />)
  const rerender = async () => view.rerender(<Factors incident={(await db.incidents.get(id))!} />)
  return { id, rerender }
}

it('keeps a row added, and words typed, while the previous row is still being saved', async () => {
  const { id, rerender } = await setup()
  fireEvent.click(screen.getByRole('button', { name: 'Add a factor' }))
  const first = screen.getByLabelText('Factor 1')
  expect(document.activeElement).toBe(first)
  fireEvent.change(first, { target: { value: 'No check on the new index' } })
  // Leaving the first row saves it; a second row is added and typed in before that save is back.
  fireEvent.blur(first)
  fireEvent.click(screen.getByRole('button', { name: 'Add a factor' }))
  fireEvent.change(screen.getByLabelText('Factor 2'), {
    target: { value: 'Swaps run unattended at night' },
  })
  await waitFor(async () =>
    expect((await db.incidents.get(id))?.factors?.map((f) => f.text)).toEqual([
      'No check on the new index',
    ]),
  )
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  await rerender()
  // The save that came back did not take away what was typed since.
  const second = screen.getByLabelText('Factor 2')
  expect((second as HTMLInputElement).value).toBe('Swaps run unattended at night')
  fireEvent.blur(second)
  await waitFor(async () =>
    expect((await db.incidents.get(id))?.factors?.map((f) => f.text)).toEqual([
      'No check on the new index',
      'Swaps run unattended at night',
    ]),
  )
})
