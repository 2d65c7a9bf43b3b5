import { afterEach, describe, expect, it, vi } from 'vitest'
import { testDb } from './test-db'
import { Autosave, useSaveStatus } from './autosave'
import { createDetailsAutosave as detailsAutosave } from './details-autosave'

afterEach(() => localStorage.clear())

describe('Autosave', () => {
  it('journals each keystroke at once and writes it durably shortly after', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const autosave = detailsAutosave(incidents)
    autosave.set(id, { symptoms: 'EU checkout 50' })
    autosave.set(id, { symptoms: 'EU checkout 502' })
    expect(JSON.parse(localStorage.getItem(`steady.pending.${id}`) ?? '{}')).toEqual({
      symptoms: 'EU checkout 502',
    })
    expect((await incidents.get(id))?.symptoms).toBe('')
    // Written once typing pauses, with no blur or flush needed.
    await vi.waitFor(async () =>
      expect((await incidents.get(id))?.symptoms).toBe('EU checkout 502'),
    )
    await autosave.flush()
    expect(localStorage.getItem(`steady.pending.${id}`)).toBeNull()
    expect(useSaveStatus.getState().state).toBe('saved')
    // One event for the burst of typing, not one per keystroke.
    const edits = (await incidents.events(id)).filter((e) => e.kind === 'details-edited')
    expect(edits).toHaveLength(1)
  })

  it('keeps the words, in memory and in the journal, when the write fails', async () => {
    const { db, incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const autosave = detailsAutosave(incidents)
    const failing = () => {
      throw new Error('disk full')
    }
    db.events.hook('creating', failing)
    autosave.set(id, { errorMessages: 'ETIMEDOUT' })
    await autosave.flush(id)
    expect(useSaveStatus.getState()).toMatchObject({ state: 'error' })
    expect(autosave.pendingFor(id)?.errorMessages).toBe('ETIMEDOUT')
    expect(localStorage.getItem(`steady.pending.${id}`)).toContain('ETIMEDOUT')
    db.events.hook('creating').unsubscribe(failing)
    await autosave.flush(id)
    expect((await incidents.get(id))?.errorMessages).toBe('ETIMEDOUT')
  })

  it('writes at least every 300 ms while typing goes on without a pause', async () => {
    const writes: { at: number; value: string }[] = []
    let now = 0
    const autosave = new Autosave<string>({
      prefix: 'steady.test.',
      delayMs: 500,
      write: (_id, value) => {
        writes.push({ at: now, value })
        return Promise.resolve()
      },
    })
    vi.useFakeTimers()
    try {
      // 3 seconds of typing, a key every 80 ms: the pause-based write alone would never run.
      let text = ''
      for (now = 0; now < 3000; now += 80) {
        text += 'x'
        autosave.set('a', text)
        await vi.advanceTimersByTimeAsync(80)
      }
    } finally {
      vi.useRealTimers()
    }
    expect(writes.length).toBeGreaterThanOrEqual(9)
    for (let i = 1; i < writes.length; i++)
      expect(writes[i]!.at - writes[i - 1]!.at).toBeLessThanOrEqual(400)
  })

  it('retries a failed write on its own, with backoff, until it lands', async () => {
    let attempts = 0
    const saved: string[] = []
    const autosave = new Autosave<string>({
      prefix: 'steady.test.',
      write: (_id, value) => {
        attempts++
        if (attempts < 3) return Promise.reject(new Error('disk full'))
        saved.push(value)
        return Promise.resolve()
      },
    })
    vi.useFakeTimers()
    try {
      const states: string[] = []
      const unsubscribe = useSaveStatus.subscribe(({ state }) => states.push(state))
      autosave.set('a', 'the last words')
      await vi.advanceTimersByTimeAsync(600)
      expect(useSaveStatus.getState().state).toBe('error')
      autosave.set('a', 'the last words, and more')
      await vi.advanceTimersByTimeAsync(1_000) // first retry: fails again
      expect(saved).toEqual([])
      // The failure stayed on screen through the retry and the typing: never hidden meanwhile.
      expect(states.slice(states.indexOf('error'))).toEqual(['error', 'error'])
      unsubscribe()
      await vi.advanceTimersByTimeAsync(2_000) // second retry: lands
    } finally {
      vi.useRealTimers()
    }
    expect(saved).toEqual(['the last words, and more'])
    expect(useSaveStatus.getState().state).toBe('saved')
    expect(localStorage.getItem('steady.test.a')).toBeNull()
  })

  it('with a full journal, writes straight to the database and never throws at the keyboard', async () => {
    const saved: string[] = []
    const full = {
      ...localStorage,
      length: 0,
      key: () => null,
      getItem: () => null,
      removeItem: () => undefined,
      clear: () => undefined,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    } satisfies Storage
    const autosave = new Autosave<string>({
      prefix: 'steady.test.',
      storage: full,
      write: (_id, value) => {
        saved.push(value)
        return Promise.resolve()
      },
    })
    expect(() => autosave.set('a', 'still typing')).not.toThrow()
    expect(useSaveStatus.getState().error).toMatch(/journal is full/)
    await autosave.flush()
    expect(saved).toEqual(['still typing'])
  })

  it('saves what a closed window or a crash left in the journal', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    localStorage.setItem(
      `steady.pending.${id}`,
      JSON.stringify({ symptoms: 'typed, then the window closed' }),
    )
    localStorage.setItem('steady.pending.broken', '{not json')
    await detailsAutosave(incidents).recover()
    expect((await incidents.get(id))?.symptoms).toBe('typed, then the window closed')
    expect(localStorage.getItem(`steady.pending.${id}`)).toBeNull()
    expect(localStorage.getItem('steady.pending.broken')).toBeNull()
  })

  it('flushes when the page is hidden', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const autosave = detailsAutosave(incidents)
    const stop = autosave.listen(window)
    autosave.set(id, { title: 'Checkout 502' })
    window.dispatchEvent(new Event('pagehide'))
    await autosave.flush()
    expect((await incidents.get(id))?.title).toBe('Checkout 502')
    stop()
  })
})
