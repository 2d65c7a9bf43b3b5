import { useMemo } from 'react'
import type { Command } from '../commands/command'
import { useUi } from '../stores/ui-store'

/** The shell's own commands. Feature screens add theirs next to their code. */
export function useAppCommands(): Command[] {
  const { navigate, open, toggleSidebar, setTheme } = useUi.getState()
  return useMemo(
    () => [
      {
        id: 'palette.open',
        label: 'Open command palette',
        shortcut: { key: 'k', mod: true },
        run: () => open('palette'),
      },
      {
        id: 'nav.incidents',
        label: 'Go to incidents',
        keywords: 'home list',
        run: () => navigate('incidents'),
      },
      {
        id: 'nav.action-items',
        label: 'Go to action items',
        keywords: 'prevention todo',
        run: () => navigate('action-items'),
      },
      {
        id: 'nav.reminders',
        label: 'Go to reminders',
        keywords: 'notifications due',
        run: () => navigate('reminders'),
      },
      {
        id: 'nav.settings',
        label: 'Open settings',
        keywords: 'preferences',
        shortcut: { key: ',', mod: true },
        run: () => navigate('settings'),
      },
      {
        id: 'sidebar.toggle',
        label: 'Show or hide the sidebar',
        keywords: 'toggle focus',
        shortcut: { key: 'b', mod: true },
        run: toggleSidebar,
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
    [navigate, open, toggleSidebar, setTheme],
  )
}
