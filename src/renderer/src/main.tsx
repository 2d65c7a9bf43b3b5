// The start-up bundle: the styles, and a picture of the incidents list painted from the last
// session while the app itself loads (see boot/first-frame.ts).
import { handOver, paintFirstFrame } from './boot/first-frame'
import { narrowConnections } from './boot/connections'
import './styles/global.css'

// Before any other code: the page may connect to itself and the team's server, nothing else.
narrowConnections(document, localStorage)
paintFirstFrame()
// In a task of its own: preparing the import takes a few milliseconds, and the picture is
// painted as soon as this task ends.
setTimeout(() => {
  import('./start').catch(() => {
    // The app's code did not load: say so, rather than leave a picture that ignores every click.
    const root = document.getElementById('root') as HTMLElement
    handOver(root, false)
    // The same page as a start-up problem (app/StartupGuard.tsx), without React.
    const page = document.createElement('main')
    page.className = 'page startup-error'
    const heading = document.createElement('h1')
    heading.textContent = "Steady didn't start"
    const message = document.createElement('p')
    message.setAttribute('role', 'alert')
    message.textContent =
      'Steady could not load. Reload the window (Ctrl+R) to try again; your data is safe.'
    page.append(heading, message)
    root.replaceChildren(page)
  })
})
