import { describe, expect, it } from 'vitest'
import { EXPORT_FILE_NAME, ipcContract, isAccelerator } from './ipc-contract'

describe('the quick-capture shortcut', () => {
  it.each(['CommandOrControl+Alt+N', 'Ctrl+Shift+I', 'Alt+F4', 'Super+Space', 'Cmd+Option+/'])(
    'accepts %s',
    (value) => expect(isAccelerator(value)).toBe(true),
  )

  it.each(['N', 'Shift+N', 'Space', 'F5', 'Ctrl+', 'Ctrl+Ctrl+N', 'Hyper+N', 'Ctrl+Alt+NN', ''])(
    'refuses %j (a global shortcut needs Ctrl, Cmd, Alt or Super and one key)',
    (value) => expect(isAccelerator(value)).toBe(false),
  )

  it('is checked at the IPC boundary', () => {
    const args = ipcContract['desktop:set-preferences'].args
    expect(args.safeParse([{ quickCaptureShortcut: 'N' }]).success).toBe(false)
    expect(args.safeParse([{ quickCaptureShortcut: 'Ctrl+Alt+N' }]).success).toBe(true)
  })
})

describe('export file names', () => {
  it('match what markdownFileName produces, with a number for namesakes', () => {
    for (const name of ['2026-11-26-outage.md', '2026-11-26-db-down-2.md', '2026-11-26-x.json'])
      expect(EXPORT_FILE_NAME.test(name), name).toBe(true)
  })
})
