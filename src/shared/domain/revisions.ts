/**
 * A post-mortem's revisions: each time it was made final, the document as it was then (Markdown),
 * kept on the timeline. Any two can be compared line by line (jsdiff, a well-kept diff library).
 */
import { diffLines } from 'diff'
import type { TimelineEvent } from './events'

export interface Revision {
  revision: number
  at: number
  by: string
  markdown: string
}

/** Every final revision, oldest first. */
export function revisionsOf(events: readonly TimelineEvent[]): Revision[] {
  const out: Revision[] = []
  for (const e of events)
    if (e.kind === 'postmortem-status' && e.payload.status === 'final' && e.payload.revision)
      out.push({
        revision: e.payload.revision,
        at: e.at,
        by: e.payload.by ?? '',
        markdown: e.payload.snapshot ?? '',
      })
  return out.sort((a, b) => a.revision - b.revision)
}

export interface DiffPart {
  change: 'added' | 'removed' | 'same'
  lines: string[]
}

/**
 * What changed from `before` to `after`, by line. Long unchanged stretches are cut to a few lines
 * of context around each change, so a one-line fix in fifty pages reads as one line.
 */
export function revisionDiff(before: string, after: string, context = 2): DiffPart[] {
  const parts: DiffPart[] = diffLines(before, after).map((p) => ({
    change: p.added ? 'added' : p.removed ? 'removed' : 'same',
    lines: p.value.replace(/\n$/, '').split('\n'),
  }))
  return parts.map((p, i) => {
    if (p.change !== 'same' || p.lines.length <= context * 2 + 1) return p
    const head = i > 0 ? p.lines.slice(0, context) : []
    const tail = i < parts.length - 1 ? p.lines.slice(-context) : []
    const cut = p.lines.length - head.length - tail.length
    return { change: 'same', lines: [...head, `… ${cut} unchanged lines …`, ...tail] }
  })
}
