import { describe, expect, it } from 'vitest'
import { LastBackup } from './last-backup'

function setup() {
  const timers: (() => void)[] = []
  let requests = 0
  const last = new LastBackup({
    request: () => requests++,
    setTimer: (fn) => timers.push(fn),
  })
  return { last, timers, requests: () => requests }
}

describe('the last backup', () => {
  it('is asked for once, and waits for the page to write it', async () => {
    const { last, requests } = setup()
    let finished = false
    void last.take()?.then(() => (finished = true))
    expect(requests()).toBe(1)
    expect(last.take()).toBeNull()
    expect(requests()).toBe(1)
    await Promise.resolve()
    expect(finished).toBe(false)
    last.written()
    await Promise.resolve()
    expect(finished).toBe(true)
  })

  it('gives up waiting after the timeout, so a hung page never blocks quitting', async () => {
    const { last, timers } = setup()
    let finished = false
    void last.take()?.then(() => (finished = true))
    timers[0]?.()
    await Promise.resolve()
    expect(finished).toBe(true)
  })
})
