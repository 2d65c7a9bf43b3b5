import { describe, expect, it } from 'vitest'
import { filterCommands, type Command } from './command'
import { formatShortcut, isTypingTarget, matchesShortcut } from './shortcut'

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init)

describe('shortcuts', () => {
  it('maps mod to Ctrl on Linux and Windows and to Cmd on macOS', () => {
    const palette = { key: 'k', mod: true }
    expect(matchesShortcut(key({ key: 'k', ctrlKey: true }), palette, false)).toBe(true)
    expect(matchesShortcut(key({ key: 'k', metaKey: true }), palette, false)).toBe(false)
    expect(matchesShortcut(key({ key: 'k', metaKey: true }), palette, true)).toBe(true)
    expect(matchesShortcut(key({ key: 'k' }), palette, false)).toBe(false)
    expect(matchesShortcut(key({ key: 'K', ctrlKey: true, shiftKey: true }), palette, false)).toBe(
      true,
    )
  })

  it('does not fire a plain-key shortcut with a modifier held', () => {
    expect(matchesShortcut(key({ key: 'n', ctrlKey: true }), { key: 'n' }, false)).toBe(false)
    expect(matchesShortcut(key({ key: 'n', altKey: true }), { key: 'n' }, false)).toBe(false)
  })

  it('formats shortcuts for each platform', () => {
    expect(formatShortcut({ key: 'k', mod: true }, false)).toBe('Ctrl+K')
    expect(formatShortcut({ key: 'k', mod: true }, true)).toBe('⌘K')
    expect(formatShortcut({ key: 'Enter', mod: true }, false)).toBe('Ctrl+Enter')
  })

  it('knows when the user is typing', () => {
    const text = document.createElement('input')
    const checkbox = document.createElement('input')
    checkbox.type = 'checkbox'
    const editor = document.createElement('div')
    editor.contentEditable = 'true'
    expect(isTypingTarget(text)).toBe(true)
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true)
    expect(isTypingTarget(checkbox)).toBe(false)
    expect(isTypingTarget(document.body)).toBe(false)
  })
})

describe('filterCommands', () => {
  const commands: Command[] = [
    { id: 'a', label: 'Open settings', keywords: 'preferences', run: () => undefined },
    { id: 'b', label: 'About Steady', run: () => undefined },
    { id: 'c', label: 'Hidden', enabled: false, run: () => undefined },
    { id: 'd', label: 'Export Markdown…', keywords: 'md file', run: () => undefined },
    { id: 'e', label: 'Export all post-mortems to a folder…', run: () => undefined },
  ]
  const ids = (query: string) => filterCommands(commands, query).map((c) => c.id)

  it('matches words of the label and keywords, and hides disabled commands', () => {
    expect(ids('')).toEqual(['a', 'b', 'd', 'e'])
    expect(ids('pref')).toEqual(['a'])
    expect(ids('ab st')).toEqual(['b'])
    expect(ids('hidden')).toEqual([])
  })

  it('matches fuzzily, best first: abbreviations, typos, words in any order', () => {
    expect(ids('export md')[0]).toBe('d')
    expect(ids('exp md')[0]).toBe('d')
    expect(ids('setings')).toEqual(['a'])
    expect(ids('markdown export')[0]).toBe('d')
    expect(ids('zzz')).toEqual([])
  })
})
