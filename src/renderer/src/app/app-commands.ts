import { useMemo } from 'react'
import type { Command } from '../commands/command'
import { newIncident } from '../features/incident/new-incident'
import { useUi, type Screen } from '../stores/ui-store'

const focusSearch = (): void => {
  useUi.getState().navigate({ screen: 'incidents' })
  const input = document.querySelector<HTMLInputElement>('input[type="search"]')
  // Already there: focus it. Still loading: the search box takes focus when it appears.
  if (input) input.focus()
  else useUi.setState({ searchRequested: true })
}

/** The export runs in the data settings, which show its progress and can cancel it. */
const exportAllPostmortems = (): void => {
  useUi.getState().navigate({ screen: 'settings' })
  useUi.setState({ postmortemsExportRequested: true })
}

/** The shell's own commands. Screens add theirs with useRegisterCommands. */
export function useAppCommands(screen: Screen): Command[] {
  const { navigate, open, toggleSidebar, toggleTimeline, setTheme } = useUi.getState()
  const onIncident = screen === 'incident'
  return useMemo(
    () => [
      {
        id: 'incident.new',
        label: 'New incident',
        keywords: 'open start alert',
        shortcut: { key: 'n' },
        run: newIncident,
      },
      {
        id: 'incident.new.mod',
        label: 'New incident',
        shortcut: { key: 'n', mod: true },
        run: newIncident,
        hidden: true,
      },
      {
        id: 'palette.open',
        label: 'Open command palette',
        shortcut: { key: 'k', mod: true },
        run: () => open('palette'),
      },
      {
        id: 'shortcuts.show',
        label: 'Keyboard shortcuts',
        keywords: 'help keys cheat sheet',
        shortcut: { key: '?' },
        run: () => open('shortcuts'),
      },
      {
        id: 'focus.toggle',
        label: 'Focus mode on or off',
        keywords: 'distraction calm sidebar',
        shortcut: { key: 'f' },
        enabled: onIncident,
        run: () => {
          useUi.setState((s) => ({ focusMode: !s.focusMode }))
        },
      },
      {
        id: 'timeline.toggle',
        label: 'Show or hide the timeline',
        shortcut: { key: 't' },
        enabled: onIncident,
        run: toggleTimeline,
      },
      { id: 'search.focus', label: 'Search incidents', shortcut: { key: '/' }, run: focusSearch },
      {
        id: 'nav.incidents',
        label: 'Go to incidents',
        keywords: 'home list',
        run: () => navigate({ screen: 'incidents' }),
      },
      {
        id: 'nav.action-items',
        label: 'Go to action items',
        keywords: 'prevention todo',
        run: () => navigate({ screen: 'action-items' }),
      },
      {
        id: 'nav.reminders',
        label: 'Go to reminders',
        keywords: 'notifications due',
        run: () => navigate({ screen: 'reminders' }),
      },
      {
        id: 'nav.metrics',
        label: 'Go to metrics',
        keywords: 'review report charts quarter',
        run: () => navigate({ screen: 'metrics' }),
      },
      {
        id: 'nav.settings',
        label: 'Open settings',
        keywords: 'preferences',
        shortcut: { key: ',', mod: true },
        run: () => navigate({ screen: 'settings' }),
      },
      {
        id: 'sidebar.toggle',
        label: 'Show or hide the sidebar',
        keywords: 'toggle focus',
        shortcut: { key: 'b', mod: true },
        run: toggleSidebar,
      },
      {
        id: 'export.all',
        label: 'Export all post-mortems to a folder…',
        keywords: 'markdown backup',
        run: exportAllPostmortems,
      },
      {
        id: 'about.open',
        label: 'About Steady',
        keywords: 'version data folder',
        run: () => open('about'),
      },
      {
        id: 'theme.system',
        label: 'Theme: follow the system',
        keywords: 'dark light',
        run: () => setTheme('system'),
      },
      { id: 'theme.light', label: 'Theme: light', run: () => setTheme('light') },
      { id: 'theme.dark', label: 'Theme: dark', run: () => setTheme('dark') },
    ],
    [navigate, open, toggleSidebar, toggleTimeline, setTheme, onIncident],
  )
}
