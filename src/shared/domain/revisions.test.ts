import { describe, expect, it } from 'vitest'
import type { EventDraft } from './events'
import { revisionDiff, revisionsOf } from './revisions'
import { IncidentLog, T0 } from './test-helpers'
import { HOUR } from './time'

const final = (revision: number, snapshot: string, by?: string): EventDraft => ({
  kind: 'postmortem-status',
  at: T0 + revision * HOUR,
  payload: { status: 'final', revision, snapshot, ...(by ? { by } : {}) },
})

describe('post-mortem revisions', () => {
  it('keeps each final version with when and who, oldest first', () => {
    const log = new IncidentLog()
      .record(final(1, '# A\n\nfirst', 'Dana'))
      .record({ kind: 'postmortem-status', at: T0 + 90 * 60_000, payload: { status: 'draft' } })
      .record(final(2, '# A\n\nsecond'))
    expect(revisionsOf(log.events)).toEqual([
      { revision: 1, at: T0 + HOUR, by: 'Dana', markdown: '# A\n\nfirst' },
      { revision: 2, at: T0 + 2 * HOUR, by: '', markdown: '# A\n\nsecond' },
    ])
  })

  it('shows what changed between two, with a little context', () => {
    const before = ['# Post-mortem', '', ...Array.from({ length: 20 }, (_, i) => `line ${i}`)]
    const after = [...before]
    after[12] = 'line 10, corrected'
    // Context is kept around the change only; the rest is counted.
    expect(revisionDiff(before.join('\n'), after.join('\n'))).toEqual([
      { change: 'same', lines: ['… 10 unchanged lines …', 'line 8', 'line 9'] },
      { change: 'removed', lines: ['line 10'] },
      { change: 'added', lines: ['line 10, corrected'] },
      { change: 'same', lines: ['line 11', 'line 12', '… 7 unchanged lines …'] },
    ])
  })

  it('says nothing changed when nothing did', () => {
    expect(revisionDiff('a\nb', 'a\nb')).toEqual([{ change: 'same', lines: ['a', 'b'] }])
  })
})
