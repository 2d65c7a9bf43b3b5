/**
 * The runbooks, dashboards and logs of the services an incident names, one click (or one palette
 * entry: "Open Runbook for checkout") away, opened through the link allowlist.
 */
import type { Incident } from '@shared/domain/model'
import { linksFor } from '@shared/domain/services'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { useMemo } from 'react'
import type { Command } from '../../commands/command'
import { useRegisterCommands } from '../../commands/screen-commands'
import { useSettings } from '../../db/hooks'
import { usePlatform } from '../../platform/platform-context'

export function ServiceLinks({ incident }: { incident: Incident }) {
  const platform = usePlatform()
  const catalog = (useSettings() ?? DEFAULT_SETTINGS).services
  const links = useMemo(() => linksFor(incident.services, catalog), [incident.services, catalog])
  // The one way out: the platform checks the link against the allowlist again.
  const open = useMemo(() => (url: string) => void platform.openExternal(url), [platform])
  const commands = useMemo<Command[]>(
    () =>
      links.map((l, i) => ({
        id: `service.link.${i}`,
        label: `Open ${l.label} for ${l.service}`,
        keywords: 'runbook dashboard logs service link',
        group: 'screen',
        run: () => open(l.url),
      })),
    [links, open],
  )
  useRegisterCommands(commands)
  if (!links.length) return null
  return (
    <nav className="service-links" aria-label="Service links">
      {links.map((l, i) => (
        <button
          key={i}
          type="button"
          className="link-button"
          title={l.url}
          onClick={() => open(l.url)}
        >
          {l.label} · {l.service}
        </button>
      ))}
    </nav>
  )
}
