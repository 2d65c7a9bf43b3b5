import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { PlatformContext } from './app/platform-context'
import { StartupError } from './app/StartupError'
import { openDatabase } from './db/errors'
import { allAutosaves, db } from './db/instance'
import { requestPersistentStorage } from './db/persistence'
import { detectPlatform } from './platform'
import { useUi } from './stores/ui-store'
import './styles/global.css'

const element = document.getElementById('root')
if (!element) throw new Error('index.html has no #root element.')
const root = createRoot(element)

async function start(): Promise<void> {
  try {
    await openDatabase(db)
  } catch (error) {
    root.render(<StartupError error={error} />)
    return
  }
  // Words typed just before the last close or crash are saved before anything else.
  for (const saver of allAutosaves) {
    await saver.recover()
    saver.listen()
  }
  void requestPersistentStorage().then((storage) => useUi.setState({ storage }))
  root.render(
    <StrictMode>
      <PlatformContext.Provider value={detectPlatform()}>
        <App />
      </PlatformContext.Provider>
    </StrictMode>,
  )
}

void start()
