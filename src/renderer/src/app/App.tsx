import { AboutDialog } from '../features/about/AboutDialog'
import { IncidentsHome } from '../features/incidents/IncidentsHome'
import { SettingsPage } from '../features/settings/SettingsPage'
import { CommandPalette } from '../commands/CommandPalette'
import { useUi, type View } from '../stores/ui-store'
import { useAppCommands } from './app-commands'
import { Sidebar } from './Sidebar'
import { useShortcuts } from './use-shortcuts'
import { useTheme } from './use-theme'

function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <section className="page" aria-label={title}>
      <h1>{title}</h1>
      <div className="empty-state">
        <p className="muted">{text}</p>
      </div>
    </section>
  )
}

function Screen({ view }: { view: View }) {
  switch (view) {
    case 'incidents':
      return <IncidentsHome />
    case 'settings':
      return <SettingsPage />
    case 'action-items':
      return (
        <Placeholder
          title="Action items"
          text="Action items from your post-mortems will be listed here."
        />
      )
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
  const view = useUi((s) => s.view)
  const overlay = useUi((s) => s.overlay)
  const close = useUi((s) => s.close)
  const sidebarCollapsed = useUi((s) => s.sidebarCollapsed)
  const theme = useUi((s) => s.theme)
  const commands = useAppCommands()
  useShortcuts(commands)
  useTheme(theme)

  return (
    <div className="shell" data-sidebar={sidebarCollapsed ? 'collapsed' : 'open'}>
      {!sidebarCollapsed && <Sidebar />}
      <main className="main">
        <Screen view={view} />
      </main>
      {overlay === 'palette' && <CommandPalette commands={commands} onClose={close} />}
      {overlay === 'about' && <AboutDialog onClose={close} />}
    </div>
  )
}
