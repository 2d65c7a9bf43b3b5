import { describe, expect, it, vi } from 'vitest'
import { createHandle } from '../ipc/handle'
import { registerReminderIpc } from './ipc'

type Listener = (event: { senderFrame: { url: string } }, ...args: unknown[]) => unknown

function setup() {
  const listeners = new Map<string, Listener>()
  const handle = createHandle(
    {
      handle: (channel, listener) => {
        listeners.set(channel, listener as Listener)
      },
    },
    (url) => url.startsWith('app://steady/'),
  )
  const replace = vi.fn(() => Promise.resolve())
  const active = vi.fn()
  registerReminderIpc(handle, { replace }, active)
  const sync = (payload: unknown) =>
    Promise.resolve(
      listeners.get('reminders:sync')?.(
        { senderFrame: { url: 'app://steady/index.html' } },
        payload,
      ),
    )
  return { sync, replace, active }
}

const good = {
  reminders: [
    {
      id: 'inc-1:capture-timebox',
      incidentId: 'inc-1',
      at: 1_800_000_000_000,
      title: 'Move on',
      body: 'Triage next',
    },
  ],
  activeIncidents: [{ id: 'inc-1', title: 'Checkout 502' }],
}

describe('reminders:sync', () => {
  it('hands a valid schedule to the scheduler and the tray', async () => {
    const { sync, replace, active } = setup()
    await expect(sync(good)).resolves.toBeNull()
    expect(replace).toHaveBeenCalledWith(good.reminders)
    expect(active).toHaveBeenCalledWith(good.activeIncidents)
  })

  it.each([
    ['no payload', undefined],
    ['a list instead of the object', good.reminders],
    ['a reminder without an id', { ...good, reminders: [{ ...good.reminders[0], id: '' }] }],
    ['a time that is not a number', { ...good, reminders: [{ ...good.reminders[0], at: 'soon' }] }],
    ['a negative time', { ...good, reminders: [{ ...good.reminders[0], at: -5 }] }],
    ['a huge title', { ...good, reminders: [{ ...good.reminders[0], title: 'x'.repeat(10_000) }] }],
    [
      'too many reminders',
      { ...good, reminders: Array.from({ length: 5001 }, () => good.reminders[0]) },
    ],
  ])('rejects %s and changes nothing', async (_name, payload) => {
    const { sync, replace } = setup()
    await expect(sync(payload)).rejects.toThrow(/invalid arguments/)
    expect(replace).not.toHaveBeenCalled()
  })
})
