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

describe('a folder export', () => {
  const args = ipcContract['export:save-folder'].args
  const file = (fileName: string, content: string) => [[{ fileName, content }]]

  it("writes a review report's SVG charts, and never one that could run code when opened", () => {
    const chart =
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="3" height="4"/><text>x onload=1 javascript:</text></svg>'
    expect(
      args.safeParse(file('2026-11-27-reliability-review-2026-q3-detect.svg', chart)).success,
    ).toBe(true)
    for (const hostile of [
      '<svg><script>alert(1)</script></svg>',
      '<svg><rect onload="alert(1)"/></svg>',
      '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
      '<svg><foreignObject><iframe src="x"/></foreignObject></svg>',
      '<svg><a xlink:href="https://example.com"><text>x</text></a></svg>',
    ])
      expect(args.safeParse(file('2026-11-27-chart.svg', hostile)).success, hostile).toBe(false)
    // The same text in a Markdown file is just text (the export escapes it).
    expect(args.safeParse(file('2026-11-27-notes.md', '<script>')).success).toBe(true)
    expect(args.safeParse(file('2026-11-27-chart.html', chart)).success).toBe(false)
  })
})
