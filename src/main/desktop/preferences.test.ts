import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEFAULT_DESKTOP_PREFERENCES } from '../../shared/ipc-contract'
import { loadPreferences, savePreferences } from './preferences'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-prefs-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

it('round-trips what was saved', async () => {
  const file = path.join(dir, 'prefs.json')
  const prefs = {
    closeToTray: false,
    openAtLogin: true,
    quickCaptureShortcut: 'Alt+Shift+I',
    trayHintShown: true,
  }
  await savePreferences(file, prefs)
  expect(await loadPreferences(file)).toEqual(prefs)
})

it('drops only the value it cannot accept (a shortcut without a modifier), keeping the rest', async () => {
  const file = path.join(dir, 'prefs.json')
  await writeFile(file, JSON.stringify({ closeToTray: false, quickCaptureShortcut: 'N' }))
  expect(await loadPreferences(file)).toEqual({
    ...DEFAULT_DESKTOP_PREFERENCES,
    closeToTray: false,
    trayHintShown: false,
  })
})

it('starts from the defaults when the file is missing or not JSON', async () => {
  const file = path.join(dir, 'prefs.json')
  expect(await loadPreferences(file)).toEqual({
    ...DEFAULT_DESKTOP_PREFERENCES,
    trayHintShown: false,
  })
  await writeFile(file, '{"closeToTray": fal')
  expect(await loadPreferences(file)).toEqual({
    ...DEFAULT_DESKTOP_PREFERENCES,
    trayHintShown: false,
  })
})
