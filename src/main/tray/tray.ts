/**
 * The tray icon and its menu, and the badge on the dock or taskbar: what is in progress and how
 * many reminders are due, as the page last said (`tray:update`).
 */
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron'
import type { TrayStatus } from '../../shared/ipc-contract'
import { plural } from '../../shared/domain/vocabulary'
import type { Handle } from '../ipc/handle'

export interface TrayActions {
  newIncident(): void
  openIncident(id: string): void
  openReminders(): void
  show(): void
  quit(): void
}

const NOTHING: TrayStatus = { activeIncidents: [], due: 0 }

/** The tray menu: New incident, the incidents in progress, the reminders due, and Quit. */
export function trayMenuTemplate(
  { activeIncidents: active, due }: TrayStatus,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  return [
    { label: 'New incident', click: () => actions.newIncident() },
    { type: 'separator' },
    ...(active.length
      ? active.slice(0, 10).map((incident) => ({
          label: incident.title.length > 60 ? `${incident.title.slice(0, 59)}…` : incident.title,
          click: () => actions.openIncident(incident.id),
        }))
      : [{ label: 'No incident in progress', enabled: false }]),
    { type: 'separator' },
    {
      label: due ? `Reminders (${due} due)` : 'Reminders',
      click: () => actions.openReminders(),
    },
    { label: 'Open Steady', click: () => actions.show() },
    { label: 'Quit Steady', click: () => actions.quit() },
  ]
}

/** "Steady — 2 in progress · 5 reminders due". */
export function trayToolTip({ activeIncidents, due }: TrayStatus): string {
  const parts = [
    activeIncidents.length ? `${activeIncidents.length} in progress` : '',
    due ? `${plural(due, 'reminder')} due` : '',
  ].filter(Boolean)
  return parts.length ? `Steady — ${parts.join(' · ')}` : 'Steady'
}

/** Electron's parts, passed in. */
export interface TrayDeps {
  Tray: new (icon: string) => Pick<Tray, 'setContextMenu' | 'setToolTip' | 'on'>
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu }
  /** The dock (macOS) or launcher (Linux) badge; 0 clears it. */
  app: { setBadgeCount(count: number): unknown }
  icon: string
  actions: TrayActions
}

export function createTray(deps: TrayDeps): { update(status: TrayStatus): void } {
  const tray = new deps.Tray(deps.icon)
  tray.on('click', () => deps.actions.show())
  const update = (status: TrayStatus): void => {
    tray.setToolTip(trayToolTip(status))
    tray.setContextMenu(deps.Menu.buildFromTemplate(trayMenuTemplate(status, deps.actions)))
    deps.app.setBadgeCount(status.due)
  }
  update(NOTHING)
  return { update }
}

export function registerTrayIpc(handle: Handle, tray: { update(status: TrayStatus): void }): void {
  handle('tray:update', (status) => {
    tray.update(status)
    return null
  })
}
