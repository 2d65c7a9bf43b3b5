import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { onDemand } from './on-demand'

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>
}

it('shows the fallback while the code loads, and once loaded draws at once, without it', async () => {
  let loads = 0
  const greeting = onDemand(async () => {
    loads++
    return { default: Greeting }
  })
  const first = render(<greeting.Component fallback={<p>Loading…</p>} name="Ana" />)
  expect(screen.getByText('Loading…')).toBeTruthy()
  expect(await screen.findByText('Hello Ana')).toBeTruthy()
  first.unmount()

  // Loaded (or preloaded): the first render is the component itself, with its props.
  await greeting.load()
  render(<greeting.Component fallback={<p>Loading…</p>} name="Ben" />)
  expect(screen.getByText('Hello Ben')).toBeTruthy()
  expect(screen.queryByText('Loading…')).toBeNull()
  expect(loads).toBe(2)
})
