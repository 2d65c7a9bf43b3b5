import { memo, useDeferredValue, useEffect, useMemo, type MouseEvent } from 'react'
import { CommandPalette } from './CommandPalette'
import { ShortcutSheet } from './ShortcutSheet'
import { allScreenCommands, useScreenCommands } from '../commands/screen-commands'
import { AboutDialog } from '../features/about/AboutDialog'
import { ActionItemsPage } from '../features/action-items/ActionItemsPage'
import { IncidentScreen } from '../features/incident/IncidentScreen'
import { loadEditor } from '../features/postmortem/PostmortemScreen'
import { IncidentsHome } from '../features/incidents/IncidentsHome'
import { newIncident } from '../features/incident/new-incident'
import { useBackupResponder } from '../features/data/use-backups'
import { RemindersPage } from '../features/reminders/RemindersPage'
import { useReminderEngine } from '../features/reminders/use-reminders'
import { db, incidentsRepo } from '../db/instance'
import { exportIncident } from '../db/transfer'
import { focusFirstField } from '../components/focus'
import { useMediaQuery } from '../components/use-media-query'
import { NARROW_QUERY, useUi, type Route } from '../stores/ui-store'
import { useAppCommands } from './app-commands'
import { useTeamSync } from '../sync/use-team-sync'
import { usePlatform } from '../platform/platform-context'
import { SaveStatus } from './SaveStatus'
import { Sidebar, type ScreenLoads } from './Sidebar'
import { useShortcuts } from '../commands/use-shortcuts'
import { ErrorBoundary } from './ErrorBoundary'
import { useTheme } from './use-theme'
import { warmMetrics } from '../features/metrics/metrics-worker-start'
import { onDemand, preloadWhenIdle } from '../components/on-demand'
import { TeamPeople } from '../sync/TeamPeople'

// The charting library loads with the screen that draws charts, not at start; the settings too
// (both fetched while the app is idle after start-up). Not the palette: keys typed right after
// Ctrl+K must reach it.
const metricsPage = onDemand(() => import('../features/metrics/MetricsPage'))
const MetricsPage = metricsPage.Component
const settingsPage = onDemand(() => import('../features/settings/SettingsPage'))
const SettingsPage = settingsPage.Component
const SCREEN_LOADS: ScreenLoads = { metrics: metricsPage.load, settings: settingsPage.load }

const SCREEN_NAMES: Record<Route['screen'], string> = {
  incidents: 'the incidents',
  incident: 'this incident',
  settings: 'the settings',
  'action-items': 'the action items',
  metrics: 'the metrics',
  reminders: 'the reminders',
}

/**
 * Screens drawn after the click that opens them has painted (the sidebar shows the choice at
 * once): each reads and lays out thousands of records at 100,000 incidents, and drawn inside the
 * click they made one task of 90 ms. Not the incident screens, where a key pressed right after a
 * move must reach the screen it moved to.
 */
const DRAWN_AFTER = new Set<Route['screen']>(['action-items', 'reminders', 'metrics', 'settings'])

const Screen = memo(function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'incidents':
      // A saved filter starts its own list, with its search and filters.
      return (
        <IncidentsHome key={route.saved ?? ''} {...(route.saved ? { saved: route.saved } : {})} />
      )
    case 'incident':
      return <IncidentScreen id={route.id} {...(route.phase ? { phase: route.phase } : {})} />
    case 'settings':
      return <SettingsPage fallback={<p className="muted">Loading the settings…</p>} />
    case 'action-items':
      return <ActionItemsPage />
    case 'reminders':
      return <RemindersPage />
    case 'metrics':
      return <MetricsPage fallback={<p className="muted">Loading the charts…</p>} />
  }
})

/** The skip link lands in the work itself: the phase's first field, or the screen. */
function skipToContent(event: MouseEvent): void {
  event.preventDefault()
  const main = document.getElementById('content')
  if (!focusFirstField(main?.querySelector('.phase'))) main?.focus()
}

export function App() {
  const route = useUi((s) => s.route)
  const deferred = useDeferredValue(route)
  const shown = DRAWN_AFTER.has(route.screen) ? deferred : route
  const overlay = useUi((s) => s.overlay)
  const close = useUi((s) => s.close)
  const sidebarCollapsed = useUi((s) => s.sidebarCollapsed)
  const theme = useUi((s) => s.theme)
  const focused = useUi((s) => s.focused)
  const narrow = useMediaQuery(NARROW_QUERY)
  // Every time on screen is drawn in the chosen zone: a new choice re-renders the whole shell.
  useUi((s) => s.timeZone)
  const appCommands = useAppCommands(route.screen)
  const byOwner = useScreenCommands((s) => s.byOwner)
  const commands = useMemo(
    () => [...allScreenCommands(byOwner), ...appCommands],
    [byOwner, appCommands],
  )
  useShortcuts(commands)
  useTheme(theme)
  const platform = usePlatform()
  useReminderEngine(platform)
  useBackupResponder(platform)
  useTeamSync(platform)
  useEffect(() => preloadWhenIdle([loadEditor, metricsPage.load, settingsPage.load]), [])
  // Metrics chosen: its worker reads its table while the screen's code loads and it is drawn.
  useEffect(() => {
    if (route.screen === 'metrics') warmMetrics()
  }, [route.screen])
  // What has been in the trash for 30 days goes for good, once a start has settled.
  useEffect(() => {
    const timer = setTimeout(() => void incidentsRepo.purgeTrash().catch(() => undefined), 5_000)
    return () => clearTimeout(timer)
  }, [])
  // The tray, a notification or the quick-capture shortcut can ask for a screen.
  useEffect(() => {
    const offOpen = platform.onOpenIncident((id) =>
      useUi.getState().navigate({ screen: 'incident', id }),
    )
    const offNew = platform.onNewIncident(() => void newIncident())
    const offReminders = platform.onOpenReminders(() =>
      useUi.getState().navigate({ screen: 'reminders' }),
    )
    return () => {
      offOpen()
      offNew()
      offReminders()
    }
  }, [platform])

  /** The whole record of an incident that cannot be shown, as an importable file. */
  const rescue = async (id: string): Promise<string> => {
    const data = await exportIncident(db, id)
    const result = await platform.saveMarkdown({
      fileName: `steady-incident-${new Date().toISOString().slice(0, 10)}.json`,
      content: JSON.stringify(data, null, 1),
      kind: 'json',
    })
    return result.saved ? `Exported to ${result.where ?? 'a file'}.` : 'Export cancelled.'
  }

  return (
    <div
      className="shell"
      data-sidebar={sidebarCollapsed ? 'collapsed' : narrow || focused ? 'icons' : 'open'}
    >
      <a href="#content" className="skip-link" onClick={skipToContent}>
        Skip to content
      </a>
      {!sidebarCollapsed && <Sidebar loads={SCREEN_LOADS} />}
      <main className="main" id="content" tabIndex={-1}>
        <ErrorBoundary
          what={SCREEN_NAMES[shown.screen]}
          resetKey={JSON.stringify(shown)}
          onExport={shown.screen === 'incident' ? () => rescue(shown.id) : undefined}
        >
          <Screen route={shown} />
        </ErrorBoundary>
      </main>
      <SaveStatus />
      {overlay === 'palette' && <CommandPalette commands={commands} onClose={close} />}
      <TeamPeople />
      {overlay === 'about' && <AboutDialog onClose={close} />}
      {overlay === 'shortcuts' && <ShortcutSheet commands={commands} onClose={close} />}
    </div>
  )
}
