import { Bell, ClipboardCheck, Info, Settings, Siren, type LucideIcon } from 'lucide-react'
import { useUi, type View } from '../stores/ui-store'

const NAV: { view: View; label: string; icon: LucideIcon }[] = [
  { view: 'incidents', label: 'Incidents', icon: Siren },
  { view: 'action-items', label: 'Action items', icon: ClipboardCheck },
  { view: 'reminders', label: 'Reminders', icon: Bell },
  { view: 'settings', label: 'Settings', icon: Settings },
]

export function Sidebar() {
  const view = useUi((s) => s.view)
  const navigate = useUi((s) => s.navigate)
  const open = useUi((s) => s.open)
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" />
        Steady
      </div>
      <ul className="nav-list">
        {NAV.map(({ view: target, label, icon: Icon }) => (
          <li key={target}>
            <button
              type="button"
              className="nav-item"
              aria-current={view === target ? 'page' : undefined}
              onClick={() => navigate(target)}
            >
              <Icon size={18} aria-hidden="true" />
              {label}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="nav-item nav-footer" onClick={() => open('about')}>
        <Info size={18} aria-hidden="true" />
        About
      </button>
    </nav>
  )
}
