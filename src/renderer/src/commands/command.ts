import type { Shortcut } from './shortcut'

/**
 * One user action, declared once and shared by buttons, shortcuts, menus and the command palette.
 */
export interface Command {
  id: string
  label: string
  /** Words the palette also matches, beyond the label. */
  keywords?: string
  shortcut?: Shortcut
  /** False hides the command from the palette and disables its shortcut. */
  enabled?: boolean
  /** A second shortcut for a command already listed: works, but not shown in the palette. */
  hidden?: boolean
  run: () => void | Promise<void>
}

/** Palette filtering: every word of the query must start a word of the label or keywords. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const visible = commands.filter((c) => c.enabled !== false && !c.hidden)
  if (words.length === 0) return visible
  return visible.filter((command) => {
    const haystack = `${command.label} ${command.keywords ?? ''}`.toLowerCase()
    const starts = haystack.split(/[^a-z0-9]+/).filter(Boolean)
    return words.every((w) => starts.some((s) => s.startsWith(w)) || haystack.includes(w))
  })
}
