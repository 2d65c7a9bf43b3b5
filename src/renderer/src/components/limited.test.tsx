import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { LimitedText } from './limited'

function Field({ max, initial = '' }: { max: number; initial?: string }) {
  const [value, setValue] = useState(initial)
  return <LimitedText aria-label="Symptoms" multiline max={max} value={value} onValue={setValue} />
}

const field = () => screen.getByRole('textbox', { name: 'Symptoms' }) as HTMLTextAreaElement
const type = (value: string) => fireEvent.change(field(), { target: { value } })

describe('a text field with a limit', () => {
  it('says nothing far from the limit, then how much is left', () => {
    render(<Field max={2000} />)
    type('x'.repeat(1700))
    expect(screen.queryByText(/characters left/)).toBeNull()
    type('x'.repeat(1800))
    expect(screen.getByText('200 characters left')).toBeTruthy()
    expect(field().getAttribute('aria-describedby')).toBeTruthy()
  })

  it('refuses a paste one character over the limit whole, with a message, and cuts nothing', () => {
    render(<Field max={2000} initial={'a'.repeat(1990)} />)
    type('a'.repeat(2001))
    expect(field().value).toBe('a'.repeat(1990))
    expect(screen.getByRole('alert').textContent).toMatch(
      /Not added: that would make 2,001 characters, and this holds 2,000\. Nothing was cut/,
    )
    expect(field().getAttribute('aria-invalid')).toBe('true')
    type('a'.repeat(2000))
    expect(field().value).toBe('a'.repeat(2000))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByText('0 characters left')).toBeTruthy()
  })

  it('refuses a one-megabyte paste into a long field', () => {
    render(<Field max={20_000} initial="Checkout 502s" />)
    type(`Checkout 502s ${'log line\n'.repeat(120_000)}`)
    expect(field().value).toBe('Checkout 502s')
    expect(screen.getByRole('alert').textContent).toMatch(/1,080,014 characters/)
  })
})
