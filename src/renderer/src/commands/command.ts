import fuzzysort from 'fuzzysort'
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
  /** Where the palette lists it: this screen's actions first, then going places, then the rest. */
  group?: 'screen' | 'incident' | 'app'
  run: () => void | Promise<void>
}

/** A word that matches more weakly than this is not a match ("pref" in "Export all post-mortems"). */
const THRESHOLD = 0.3
/** A word found in the keywords counts a little less than one found in the label. */
const KEYWORD_WEIGHT = 0.9

/**
 * Palette filtering, fuzzy: each word of the query is matched by fuzzysort (the Sublime Text-style
 * matcher) against the label or the keywords, in any order, so "exp md" and "markdown export"
 * find "Export Markdown…" and "setings" finds "Open settings". Every word must match; the best
 * average comes first. An empty query lists everything in its order.
 */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const visible = commands.filter((c) => c.enabled !== false && !c.hidden)
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return visible
  const scored: { command: Command; score: number }[] = []
  for (const command of visible) {
    let total = 0
    for (const word of words) {
      const inLabel = fuzzysort.single(word, command.label)?.score ?? 0
      const inKeywords =
        (fuzzysort.single(word, command.keywords ?? '')?.score ?? 0) * KEYWORD_WEIGHT
      const score = Math.max(inLabel, inKeywords)
      if (score < THRESHOLD) {
        total = -1
        break
      }
      total += score
    }
    if (total >= 0) scored.push({ command, score: total / words.length })
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.command)
}
