import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { UI_STORAGE_KEY } from '../boot/first-frame'
import { useUi } from '../stores/ui-store'
import { ErrorBoundary } from './ErrorBoundary'

function Broken(): never {
  throw new RangeError('Invalid time value')
}

describe('ErrorBoundary', () => {
  it('shows what failed with a way out, and a restart does not land on the failing screen', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    useUi.getState().navigate({ screen: 'incident', id: 'broken-one' })
    render(
      <ErrorBoundary what="this incident" resetKey="incident:broken-one">
        <Broken />
      </ErrorBoundary>,
    )
    const alert = screen.getByRole('alert').textContent
    expect(alert).toContain('Something went wrong showing this incident')
    expect(alert).toContain('Invalid time value')
    expect(screen.getByRole('button', { name: 'Back to incidents' })).toBeTruthy()
    // Still shown now, but not remembered for the next start.
    expect(useUi.getState().route).toEqual({ screen: 'incident', id: 'broken-one' })
    const saved = JSON.parse(localStorage.getItem(UI_STORAGE_KEY) ?? '{}') as {
      state?: { route?: unknown }
    }
    expect(saved.state?.route).toEqual({ screen: 'incidents' })
    screen.getByRole('button', { name: 'Back to incidents' }).click()
    expect(useUi.getState().route).toEqual({ screen: 'incidents' })
  })

  it('on an incident, offers its whole record as a file', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const onExport = vi.fn(() => Promise.resolve('Exported to Downloads/steady-incident.json.'))
    render(
      <ErrorBoundary what="this incident" resetKey="incident:x" onExport={onExport}>
        <Broken />
      </ErrorBoundary>,
    )
    screen.getByRole('button', { name: 'Export this incident' }).click()
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Exported to Downloads/steady-incident.json.',
      ),
    )
    expect(onExport).toHaveBeenCalledOnce()
  })
})
