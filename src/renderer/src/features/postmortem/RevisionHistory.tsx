/**
 * The revisions of a post-mortem (each time it was made final) and a readable comparison of any
 * two, or of one with the document as it is now.
 */
import type { TimelineEvent } from '@shared/domain/events'
import { revisionDiff, revisionsOf, type DiffPart } from '@shared/domain/revisions'
import { useEffect, useId, useMemo, useState } from 'react'
import { formatDateTime } from '../../components/format'
import { useNow } from '../../components/use-now'
import { postmortemAutosave } from '../../db/instance'
import { postmortemSnapshot } from './export'

const CURRENT = 'current'

export function RevisionHistory({
  incidentId,
  events,
  final,
}: {
  incidentId: string
  events: readonly TimelineEvent[]
  final: boolean
}) {
  const revisions = useMemo(() => revisionsOf(events), [events])
  const now = useNow(60_000)
  const ids = useId()
  const last = revisions.at(-1)?.revision ?? 0
  const [from, setFrom] = useState<string | null>(null)
  const [to, setTo] = useState<string | null>(null)
  const fromValue = from ?? String(final ? Math.max(1, last - 1) : last)
  const toValue = to ?? (final ? String(last) : CURRENT)
  const [diff, setDiff] = useState<DiffPart[] | null>(null)
  const [open, setOpen] = useState(false)

  useEffect(() => {
    if (!open || !revisions.length) return
    let live = true
    const text = async (value: string) =>
      value === CURRENT
        ? postmortemAutosave.flush(incidentId).then(() => postmortemSnapshot(incidentId))
        : (revisions.find((r) => String(r.revision) === value)?.markdown ?? '')
    void Promise.all([text(fromValue), text(toValue)]).then(([a, b]) => {
      if (live) setDiff(revisionDiff(a, b))
    })
    return () => {
      live = false
    }
  }, [open, revisions, fromValue, toValue, incidentId])

  if (!revisions.length) return null
  const options = [
    ...revisions.map((r) => ({ value: String(r.revision), label: `Revision ${r.revision}` })),
    ...(final ? [] : [{ value: CURRENT, label: 'The document now' }]),
  ]
  const changed = diff?.some((p) => p.change !== 'same')
  return (
    <details
      className="revisions"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Revisions ({revisions.length})</summary>
      <ol className="revision-list">
        {revisions.map((r) => (
          <li key={r.revision}>
            Revision {r.revision}: final {formatDateTime(r.at, now)}
            {r.by && `, by ${r.by}`}
          </li>
        ))}
      </ol>
      <div className="inline-row">
        <label htmlFor={`${ids}-from`}>Compare</label>
        <select
          id={`${ids}-from`}
          className="input select"
          value={fromValue}
          onChange={(e) => setFrom(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-to`}>with</label>
        <select
          id={`${ids}-to`}
          className="input select"
          value={toValue}
          onChange={(e) => setTo(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {diff && (
        <div className="diff" role="region" aria-label="Changes">
          {!changed && <p className="muted">No changes.</p>}
          {changed &&
            diff.map((part, i) => (
              <pre key={i} className={`diff-${part.change}`}>
                {part.change !== 'same' && (
                  <span className="visually-hidden">
                    {part.change === 'added' ? 'Added: ' : 'Removed: '}
                  </span>
                )}
                {part.lines
                  .map(
                    (l) =>
                      `${part.change === 'added' ? '+ ' : part.change === 'removed' ? '- ' : '  '}${l}`,
                  )
                  .join('\n')}
              </pre>
            ))}
        </div>
      )}
    </details>
  )
}
