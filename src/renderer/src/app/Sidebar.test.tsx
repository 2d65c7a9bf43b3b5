import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { Sidebar } from './Sidebar'

describe('Sidebar', () => {
  it("loads a screen's code when the pointer or the focus comes to its button, before the click", () => {
    const settings = vi.fn(() => Promise.resolve())
    const metrics = vi.fn(() => Promise.reject(new Error('offline')))
    render(<Sidebar loads={{ settings, metrics }} />)
    fireEvent.pointerEnter(screen.getByRole('button', { name: 'Settings' }))
    expect(settings).toHaveBeenCalledTimes(1)
    expect(metrics).not.toHaveBeenCalled()
    // A load that fails is tried again by the screen itself: nothing is thrown here.
    screen.getByRole('button', { name: 'Metrics' }).focus()
    expect(metrics).toHaveBeenCalledTimes(1)
    // Screens whose code is always there have nothing to load.
    fireEvent.pointerEnter(screen.getByRole('button', { name: 'Incidents' }))
    expect(settings).toHaveBeenCalledTimes(1)
  })
})
