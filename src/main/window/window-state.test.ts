import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from './window-state'

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
let file: string
beforeEach(async () => {
  file = path.join(await mkdtemp(path.join(tmpdir(), 'steady-window-')), 'window-state.json')
})
afterEach(() => rm(path.dirname(file), { recursive: true, force: true }))

describe('window state', () => {
  it('comes back as it was saved', async () => {
    const state = { x: 100, y: 80, width: 1300, height: 850, maximized: true }
    await saveWindowState(file, state)
    expect(await loadWindowState(file, screen)).toEqual(state)
  })

  it('falls back to the default when the file is missing or corrupt', async () => {
    expect(await loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE)
    await writeFile(file, '{"width": "wide"')
    expect(await loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('forgets a position on a display that is no longer attached, keeping the size', async () => {
    await saveWindowState(file, { x: 3000, y: 100, width: 1200, height: 800, maximized: false })
    expect(await loadWindowState(file, screen)).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    })
  })
})
