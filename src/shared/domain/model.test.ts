import { describe, expect, it } from 'vitest'
import { incidentTitle } from './model'

describe('incidentTitle', () => {
  it('is the title when there is one, else the symptoms’ first line (up to 120 characters)', () => {
    expect(incidentTitle({ title: '  Checkout 502s ', symptoms: 'Carts fail' })).toBe(
      'Checkout 502s',
    )
    expect(incidentTitle({ title: ' ', symptoms: '  Carts fail  \nat checkout' })).toBe(
      'Carts fail',
    )
    expect(incidentTitle({ title: '', symptoms: `${'a'.repeat(130)}\nmore` })).toBe('a'.repeat(120))
    expect(incidentTitle({ title: '', symptoms: '\nsecond line only' })).toBe('Untitled incident')
  })
})
