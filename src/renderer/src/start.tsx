import { StrictMode, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { PlatformContext } from './platform/platform-context'
import { RestoreOffer, StartupError } from './app/StartupGuard'
import { handOver } from './boot/first-frame'
import { followMissedClicks } from './app/missed-clicks'
import { openDatabase } from './db/errors'
import { hasIncidents } from './db/incidents-repo'
import { allAutosaves, db } from './db/instance'
import { requestPersistentStorage } from './db/persistence'
import { repairSummaries } from './db/summaries'
import { primeHomePage } from './features/incidents/home-query'
import { detectPlatform } from './platform'
import { useUi } from './stores/ui-store'

/** When the summaries are checked against the incidents (see below). */
const REPAIR_AFTER_MS = 3000

const element = document.getElementById('root')
if (!element) throw new Error('index.html has no #root element.')
const root = createRoot(element)
const platform = detectPlatform()

/**
 * Shows `node` at once, in place of the first frame's picture. What the user did on the picture is
 * handed to the app, not to a start-up problem's dialog (a held Enter must not choose for them).
 */
function show(node: ReactNode, isApp = false): void {
  flushSync(() => root.render(node))
  void followMissedClicks(handOver(element as HTMLElement, isApp))
}

async function startApp(): Promise<void> {
  // Words typed just before the last close or crash are saved before anything else.
  for (const saver of allAutosaves) {
    await saver.recover()
    saver.listen()
  }
  void requestPersistentStorage().then((storage) => useUi.setState({ storage }))
  // The list's first rows are read before the first render, so the app replaces the first
  // frame's picture with rows, not with an empty list.
  if (useUi.getState().route.screen === 'incidents') await primeHomePage(db)
  show(
    <StrictMode>
      <PlatformContext.Provider value={platform}>
        <App />
      </PlatformContext.Provider>
    </StrictMode>,
    true,
  )
  // Every incident without a summary gets one (a history written from outside the app), while the
  // list shows what is there; when nothing was written from outside, it looks no further. A moment
  // after start-up: a look reads both tables' keys (a few thousand at a time), and the first
  // screen's reads (an incident clicked on the start-up picture) would wait behind the first.
  setTimeout(
    () =>
      void repairSummaries(db).catch((error: unknown) =>
        console.error('Could not bring the incident summaries up to date', error),
      ),
    REPAIR_AFTER_MS,
  )
}

/** The newest backup that holds incidents, in the desktop app. */
async function newestBackup() {
  const list = (await platform.backups?.list().catch(() => [])) ?? []
  return list.find((b) => (b.counts['incidents'] ?? 0) > 0) ?? null
}

/** Any failure before the app is up shows what went wrong, never a dead picture of the list. */
async function start(): Promise<void> {
  try {
    await openDatabase(db)
    if (platform.backups && !(await hasIncidents(db))) {
      const backup = await newestBackup()
      if (backup) {
        show(<RestoreOffer platform={platform} backup={backup} onDone={() => void startApp()} />)
        return
      }
    }
    await startApp()
  } catch (error) {
    const backup = await newestBackup()
    show(
      <StartupError
        error={error}
        platform={platform}
        backup={backup}
        onDone={() => void startApp()}
      />,
    )
  }
}

void start()
