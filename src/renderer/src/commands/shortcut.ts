/**
 * Keyboard shortcuts as data. `mod` is Cmd on macOS and Ctrl elsewhere. Shortcuts without a
 * modifier (N, T, /) never fire while the user is typing in a field.
 */
export interface Shortcut {
  key: string
  mod?: boolean
  shift?: boolean
  alt?: boolean
}

export const isMac = (): boolean =>
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

export function matchesShortcut(event: KeyboardEvent, shortcut: Shortcut, mac = isMac()): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey
  const otherMod = mac ? event.ctrlKey : event.metaKey
  if (Boolean(shortcut.mod) !== mod || otherMod) return false
  if (Boolean(shortcut.alt) !== event.altKey) return false
  if (shortcut.shift !== undefined && shortcut.shift !== event.shiftKey) return false
  return event.key.toLowerCase() === shortcut.key.toLowerCase()
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (target as HTMLInputElement).type
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(type)
}

const KEY_NAMES: Record<string, string> = {
  enter: 'Enter',
  escape: 'Esc',
  arrowup: '↑',
  arrowdown: '↓',
  ' ': 'Space',
}

export function formatShortcut(shortcut: Shortcut, mac = isMac()): string {
  const key = KEY_NAMES[shortcut.key.toLowerCase()] ?? shortcut.key.toUpperCase()
  const parts: string[] = []
  if (shortcut.mod) parts.push(mac ? '⌘' : 'Ctrl')
  if (shortcut.alt) parts.push(mac ? '⌥' : 'Alt')
  if (shortcut.shift) parts.push(mac ? '⇧' : 'Shift')
  parts.push(key)
  return parts.join(mac ? '' : '+')
}
