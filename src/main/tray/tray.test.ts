import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { createTray, trayToolTip, type TrayActions } from './tray'

function setup() {
  const done: string[] = []
  const actions: TrayActions = {
    newIncident: () => done.push('new'),
    openIncident: (id) => done.push(`open ${id}`),
    openReminders: () => done.push('reminders'),
    show: () => done.push('show'),
    quit: () => done.push('quit'),
  }
  const state = { tip: '', badge: -1, menu: [] as MenuItemConstructorOptions[], click: () => {} }
  const tray = createTray({
    Tray: class {
      setToolTip = (tip: string) => (state.tip = tip)
      setContextMenu = () => undefined
      on = (_: string, fn: () => void) => ((state.click = fn), this) as never
    } as never,
    Menu: { buildFromTemplate: (t) => ((state.menu = t), {}) as never },
    app: { setBadgeCount: (n) => (state.badge = n) },
    icon: 'tray.png',
    actions,
  })
  const item = (label: string) => state.menu.find((i) => i.label === label)
  return { tray, state, done, item }
}

describe('the tray', () => {
  it('starts with nothing in progress and no badge', () => {
    const { state, item } = setup()
    expect(state.tip).toBe('Steady')
    expect(state.badge).toBe(0)
    expect(item('No incident in progress')?.enabled).toBe(false)
    expect(item('Reminders')).toBeDefined()
  })

  it('lists the incidents in progress, counts what is due, and each entry does its job', () => {
    const { tray, state, done, item } = setup()
    const long = 'x'.repeat(80)
    tray.update({
      activeIncidents: [
        { id: 'a', title: 'Checkout 502' },
        { id: 'b', title: long },
      ],
      due: 3,
    })
    expect(state.tip).toBe('Steady — 2 in progress · 3 reminders due')
    expect(state.badge).toBe(3)
    expect(item(`${'x'.repeat(59)}…`)).toBeDefined()
    for (const label of ['New incident', 'Checkout 502', 'Reminders (3 due)', 'Open Steady'])
      (item(label)?.click as () => void)()
    state.click()
    expect(done).toEqual(['new', 'open a', 'reminders', 'show', 'show'])
  })

  it('says one reminder, not "1 reminders"', () => {
    expect(trayToolTip({ activeIncidents: [], due: 1 })).toBe('Steady — 1 reminder due')
  })
})
