import { useMemo } from 'react'
import { CommandPalette } from '../commands/CommandPalette'
import { allScreenCommands, useScreenCommands } from '../commands/screen-commands'
import { AboutDialog } from '../features/about/AboutDialog'
import { ActionItemsPage } from '../features/action-items/ActionItemsPage'
import { IncidentScreen } from '../features/incident/IncidentScreen'
import { IncidentsHome } from '../features/incidents/IncidentsHome'
import { SettingsPage } from '../features/settings/SettingsPage'
import { useUi, type Route } from '../stores/ui-store'
import { useAppCommands } from './app-commands'
import { SaveStatus } from './SaveStatus'
import { Sidebar } from './Sidebar'
import { useShortcuts } from './use-shortcuts'
import { useTheme } from './use-theme'

function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <section className="page" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">{title}</h1>
      <div className="empty-state">
        <p className="muted">{text}</p>
      </div>
    </section>
  )
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'incidents':
      return <IncidentsHome />
    case 'incident':
      return <IncidentScreen id={route.id} {...(route.phase ? { phase: route.phase } : {})} />
    case 'settings':
      return <SettingsPage />
    case 'action-items':
      return <ActionItemsPage />
    case 'reminders':
      return (
        <Placeholder
          title="Reminders"
          text="Nothing is due. Steady reminds you when a step comes due."
        />
      )
  }
}

export function App() {
  const route = useUi((s) => s.route)
  const overlay = useUi((s) => s.overlay)
  const close = useUi((s) => s.close)
  const sidebarCollapsed = useUi((s) => s.sidebarCollapsed)
  const theme = useUi((s) => s.theme)
  const appCommands = useAppCommands(route.screen)
  const byOwner = useScreenCommands((s) => s.byOwner)
  const commands = useMemo(
    () => [...allScreenCommands(byOwner), ...appCommands],
    [byOwner, appCommands],
  )
  useShortcuts(commands)
  useTheme(theme)

  return (
    <div className="shell" data-sidebar={sidebarCollapsed ? 'collapsed' : 'open'}>
      {!sidebarCollapsed && <Sidebar />}
      <main className="main">
        <Screen route={route} />
      </main>
      <SaveStatus />
      {overlay === 'palette' && <CommandPalette commands={commands} onClose={close} />}
      {overlay === 'about' && <AboutDialog onClose={close} />}
    </div>
  )
}
