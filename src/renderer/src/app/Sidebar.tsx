import {
  Bell,
  ChartColumn,
  ClipboardCheck,
  Filter,
  Info,
  Settings,
  Siren,
  type LucideIcon,
} from 'lucide-react'
import { SyncStatusLine } from '../sync/SyncStatusLine'
import { useUi, type Screen } from '../stores/ui-store'

const NAV: { view: Exclude<Screen, 'incident'>; label: string; icon: LucideIcon }[] = [
  { view: 'incidents', label: 'Incidents', icon: Siren },
  { view: 'action-items', label: 'Action items', icon: ClipboardCheck },
  { view: 'reminders', label: 'Reminders', icon: Bell },
  { view: 'metrics', label: 'Metrics', icon: ChartColumn },
  { view: 'settings', label: 'Settings', icon: Settings },
]

/** Each screen whose code loads on demand, and how to load it. */
export type ScreenLoads = Partial<Record<Screen, () => Promise<unknown>>>

/**
 * `loads`: fetched when the pointer or the focus comes to the screen's button, so a click in the
 * first seconds after start-up (before they are preloaded) opens the screen rather than its
 * "Loading…".
 */
export function Sidebar({ loads = {} }: { loads?: ScreenLoads }) {
  const screen = useUi((s) => s.route.screen)
  const navigate = useUi((s) => s.navigate)
  const open = useUi((s) => s.open)
  const dueCount = useUi((s) => s.dueCount)
  const route = useUi((s) => s.route)
  const savedFilters = useUi((s) => s.savedFilters)
  const current = route.screen === 'incidents' ? route.saved : undefined
  // A failed load is tried again when the screen itself needs its code.
  const preload = (target: Screen) => void loads[target]?.().catch(() => undefined)
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" />
        <span className="nav-label">Steady</span>
      </div>
      <ul className="nav-list">
        {NAV.map(({ view: target, label, icon: Icon }) => (
          <li key={target}>
            <button
              type="button"
              className="nav-item"
              aria-current={
                (screen === target && !(target === 'incidents' && current)) ||
                (target === 'incidents' && screen === 'incident')
                  ? 'page'
                  : undefined
              }
              title={label}
              onClick={() => navigate({ screen: target })}
              onPointerEnter={() => preload(target)}
              onFocus={() => preload(target)}
            >
              <Icon size={18} aria-hidden="true" />
              <span className="nav-label">{label}</span>
              {target === 'reminders' && dueCount > 0 && (
                <span className="nav-badge">
                  <span aria-hidden="true">{dueCount > 99 ? '99+' : dueCount}</span>
                  <span className="visually-hidden"> {dueCount} due</span>
                </span>
              )}
            </button>
            {target === 'incidents' && savedFilters.length > 0 && (
              <ul className="nav-sublist" aria-label="Saved filters">
                {savedFilters.map((f) => (
                  <li key={f.id}>
                    <button
                      type="button"
                      className="nav-item nav-subitem"
                      aria-current={current === f.id ? 'page' : undefined}
                      title={f.name}
                      onClick={() => navigate({ screen: 'incidents', saved: f.id })}
                    >
                      <Filter size={14} aria-hidden="true" />
                      <span className="nav-label">{f.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <SyncStatusLine />
      <button
        type="button"
        className="nav-item nav-footer"
        title="About"
        onClick={() => open('about')}
      >
        <Info size={18} aria-hidden="true" />
        <span className="nav-label">About</span>
      </button>
    </nav>
  )
}
