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
  const replace = vi.fn((schedule: unknown[]) => Promise.resolve(schedule.slice(0, 1) as never))
  registerReminderIpc(handle, { replace })
  const sync = (payload: unknown) =>
    Promise.resolve(
      listeners.get('reminders:sync')?.(
        { senderFrame: { url: 'app://steady/index.html' } },
        payload,
      ),
    )
  return { sync, replace }
}

const reminder = {
  id: 'inc-1:capture-timebox',
  incidentId: 'inc-1',
  at: 1_800_000_000_000,
  title: 'Move on',
  body: 'Triage next',
}
const good = [reminder, { ...reminder, id: 'inc-1:triage-timebox' }]

describe('reminders:sync', () => {
  it('hands a valid schedule to the scheduler and answers with what already fired', async () => {
    const { sync, replace } = setup()
    await expect(sync(good)).resolves.toEqual([reminder])
    expect(replace).toHaveBeenCalledWith(good)
  })

  it.each([
    ['no payload', undefined],
    ['an object instead of the list', { reminders: good }],
    ['a reminder without an id', [{ ...reminder, id: '' }]],
    ['a time that is not a number', [{ ...reminder, at: 'soon' }]],
    ['a negative time', [{ ...reminder, at: -5 }]],
    ['a huge title', [{ ...reminder, title: 'x'.repeat(10_000) }]],
    ['too many reminders', Array.from({ length: 5001 }, () => reminder)],
  ])('rejects %s and changes nothing', async (_name, payload) => {
    const { sync, replace } = setup()
    await expect(sync(payload)).rejects.toThrow(/invalid arguments/)
    expect(replace).not.toHaveBeenCalled()
  })
})
