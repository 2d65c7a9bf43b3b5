/**
 * Blameless language, gently: phrases the blameless-review literature (Google's SRE book, Etsy's
 * debriefing guide, "Howie") warns about, each with a one-line reason and a suggestion. It never
 * blocks; it highlights as the user types and lists in the review gate.
 */

export interface LanguageRule {
  id: string
  /** Matched case-insensitively, on word boundaries. */
  pattern: RegExp
  reason: string
  suggestion: string
}

export interface LanguageFinding {
  rule: string
  /** The words as written. */
  text: string
  from: number
  to: number
  reason: string
  suggestion: string
}

const HINDSIGHT = 'Hindsight: it judges a decision by an outcome nobody knew at the time.'
const rule = (id: string, words: string, reason: string, suggestion: string): LanguageRule => ({
  id,
  pattern: new RegExp(`\\b(?:${words})\\b`, 'gi'),
  reason,
  suggestion,
})

export const LANGUAGE_RULES: readonly LanguageRule[] = [
  rule(
    'human-error',
    'human errors?|operator errors?|user errors?|pilot errors?',
    '"Human error" ends the inquiry where it should start.',
    'Ask what made the action reasonable at the time, and what let it cause harm.',
  ),
  rule(
    'should-have',
    "should(?: not|n't)? have|ought to have",
    HINDSIGHT,
    'Say what was known and expected then, and what would make the right move easier.',
  ),
  rule(
    'could-have',
    "could(?: not|n't)? have|would(?: not|n't)? have",
    HINDSIGHT,
    'Describe what happened and what the system allowed.',
  ),
  rule('if-only', 'if only', HINDSIGHT, 'Name the condition that made it possible instead.'),
  rule(
    'careless',
    'careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|lazy|incompetent|stupid|dumb',
    'Judges a person, not the system; people stop telling you what really happened.',
    'Describe the action and its context, without adjectives about people.',
  ),
  rule(
    'failed-to',
    'failed to|neglected to|forgot to|didn.t bother to',
    'Frames an omission as a personal failing.',
    'Say what was not done and why that was easy to miss (no check, no alert, no runbook step).',
  ),
  rule(
    'obviously',
    'obviously|clearly|simply|just had to',
    'What is obvious now was not obvious then.',
    'Leave it out, or say what would have made it visible.',
  ),
  rule(
    'blame',
    "(?:was|is) (?:to blame|at fault|responsible for the (?:outage|incident))|(?:'s|s') fault",
    'Blame ends learning: the next person hides their mistake.',
    'Describe the contributing factors and what the system let happen.',
  ),
]

/**
 * Names of people in a cause: an action item's owner, the post-mortem's owner, anyone the user
 * tells it about. A name next to a cause invites blame.
 */
export function nameRule(names: readonly string[]): LanguageRule | null {
  const words = names
    .flatMap((n) => n.split(/[\s,;/]+/))
    .map((w) => w.trim())
    .filter((w) => w.length >= 3 && /^\p{Lu}/u.test(w))
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  if (!words.length) return null
  return {
    id: 'person',
    pattern: new RegExp(`(?<![\\p{L}])(?:${[...new Set(words)].join('|')})(?![\\p{L}])`, 'gu'),
    reason: "A person's name in a cause invites blame.",
    suggestion: 'Name the role or the system ("the on-call engineer", "the deploy script").',
  }
}

/** Every finding in `text`, in order. */
export function languageFindings(
  text: string,
  rules: readonly LanguageRule[] = LANGUAGE_RULES,
): LanguageFinding[] {
  const found: LanguageFinding[] = []
  for (const r of rules) {
    r.pattern.lastIndex = 0
    for (const match of text.matchAll(r.pattern)) {
      found.push({
        rule: r.id,
        text: match[0],
        from: match.index,
        to: match.index + match[0].length,
        reason: r.reason,
        suggestion: r.suggestion,
      })
    }
  }
  return found.sort((a, b) => a.from - b.from)
}
