import type { Menu, MenuItemConstructorOptions, Tray } from 'electron'
import type { ReminderSync } from '../../shared/ipc-contract'

export interface TrayActions {
  newIncident(): void
  openIncident(id: string): void
  show(): void
  quit(): void
}

/** The tray menu: New incident, the incidents in progress, and Quit. */
export function trayMenuTemplate(
  active: ReminderSync['activeIncidents'],
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
    { label: 'Open Steady', click: () => actions.show() },
    { label: 'Quit Steady', click: () => actions.quit() },
  ]
}

export function updateTray(
  tray: Pick<Tray, 'setContextMenu' | 'setToolTip'>,
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu,
  active: ReminderSync['activeIncidents'],
  actions: TrayActions,
): void {
  tray.setToolTip(active.length ? `Steady — ${active.length} in progress` : 'Steady')
  tray.setContextMenu(buildMenu(trayMenuTemplate(active, actions)))
}
