// The start-up bundle: the styles, and a picture of the incidents list painted from the last
// session while the app itself loads (see boot/first-frame.ts).
import { paintFirstFrame } from './boot/first-frame'
import './styles/global.css'

paintFirstFrame()
// In a task of its own: preparing the import takes a few milliseconds, and the picture is
// painted as soon as this task ends.
setTimeout(() => void import('./start'))
