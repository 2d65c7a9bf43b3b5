import { useUi, type ThemeChoice } from '../../stores/ui-store'
import { DataPanel } from '../data/DataPanel'
import { DesktopSettings } from './DesktopSettings'
import { FactorCategorySettings } from './FactorCategorySettings'
import { PostmortemPolicySettings } from './PostmortemPolicySettings'
import { RepositorySettings } from './RepositorySettings'
import { ServiceSettings } from './ServiceSettings'
import { TeamSettings } from './TeamSettings'
import { TemplateSettings } from './TemplateSettings'
import { ReminderSettings } from './ReminderSettings'
import { TimeZoneSettings } from './TimeZoneSettings'
import { TrashPanel } from './TrashPanel'
import { YouSettings } from './YouSettings'

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

export default function SettingsPage() {
  const theme = useUi((s) => s.theme)
  const setTheme = useUi((s) => s.setTheme)
  const open = useUi((s) => s.open)
  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <fieldset className="field">
        <legend>Theme</legend>
        <div className="choice-row">
          {THEMES.map((t) => (
            <label key={t.value} className="choice">
              <input
                type="radio"
                name="theme"
                value={t.value}
                checked={theme === t.value}
                onChange={() => setTheme(t.value)}
              />
              {t.label}
            </label>
          ))}
        </div>
      </fieldset>
      <YouSettings />
      <TimeZoneSettings />
      <h2 className="settings-heading">Reminders</h2>
      <ReminderSettings />
      <h2 className="settings-heading">Services</h2>
      <ServiceSettings />
      <RepositorySettings />
      <h2 className="settings-heading">Post-mortems</h2>
      <PostmortemPolicySettings />
      <FactorCategorySettings />
      <TemplateSettings />
      <TeamSettings />
      <DesktopSettings />
      <DataPanel />
      <TrashPanel />
      <p>
        <button type="button" className="link-button" onClick={() => open('about')}>
          About Steady and where your data lives
        </button>
      </p>
    </section>
  )
}
