import type { TimelineEvent } from '@shared/domain/events'
import { describeEvent, spansDays, visibleTimeline } from '@shared/domain/timeline'
import { useMemo, useState } from 'react'
import { formatTime, fromLocalInput, toLocalInput } from '../../components/format'
import { useNow } from '../../components/use-now'
import { incidentsRepo } from '../../db/instance'
import { useIncidentEvents } from '../../db/hooks'
import { ErrorText } from '../../components/ErrorText'

function useTimeline(incidentId: string) {
  const events = useIncidentEvents(incidentId)
  return useMemo(() => {
    const visible = visibleTimeline(events ?? [])
    return { entries: visible, withDates: spansDays(visible) }
  }, [events])
}

function Entries({
  entries,
  withDates,
  scrollable = false,
}: {
  entries: TimelineEvent[]
  withDates: boolean
  scrollable?: boolean
}) {
  return (
    // A scrolling list takes focus, so it can be scrolled from the keyboard.
    <ol
      className="timeline-list"
      tabIndex={scrollable ? 0 : undefined}
      aria-label="Timeline entries"
    >
      {entries.map((e) => (
        <li key={e.id} className="timeline-item" data-kind={e.kind}>
          <time dateTime={new Date(e.at).toISOString()} className="timeline-time">
            {formatTime(e.at, withDates)}
          </time>
          <span className="timeline-text">{describeEvent(e)}</span>
        </li>
      ))}
    </ol>
  )
}

/** The drawer on the right (T): every recorded step, newest at the bottom, plus free notes. */
export function TimelinePanel({ incidentId }: { incidentId: string }) {
  const { entries, withDates } = useTimeline(incidentId)
  return (
    <aside className="timeline-panel" aria-label="Timeline">
      <h2 className="timeline-title">Timeline</h2>
      <Entries entries={entries} withDates={withDates} scrollable />
      <NoteForm incidentId={incidentId} />
    </aside>
  )
}

export function CompactTimeline({ incidentId }: { incidentId: string }) {
  const { entries, withDates } = useTimeline(incidentId)
  return <Entries entries={entries} withDates={withDates} />
}

function NoteForm({ incidentId }: { incidentId: string }) {
  const [text, setText] = useState('')
  const [when, setWhen] = useState('')
  const [error, setError] = useState<string | null>(null)
  const now = useNow(30_000)
  const add = async (): Promise<void> => {
    if (!text.trim()) return
    const at = when ? fromLocalInput(when) : Date.now()
    if (at === null || at > Date.now() + 60_000)
      return setError('That time is impossible. Nothing was added.')
    try {
      await incidentsRepo.addNote(incidentId, text.trim(), Math.min(at, Date.now()))
      setText('')
      setWhen('')
      setError(null)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <form
      className="note-form"
      onSubmit={(e) => {
        e.preventDefault()
        void add()
      }}
    >
      <label htmlFor="timeline-note" className="visually-hidden">
        Add a note to the timeline
      </label>
      <textarea
        id="timeline-note"
        className="input"
        rows={2}
        placeholder="Add a note…"
        value={text}
        maxLength={20_000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
            e.preventDefault()
            void add()
          }
        }}
      />
      <div className="note-row">
        <label htmlFor="timeline-note-time" className="muted small">
          Happened at
        </label>
        <input
          id="timeline-note-time"
          type="datetime-local"
          className="input input-small"
          value={when}
          max={toLocalInput(now)}
          onChange={(e) => setWhen(e.target.value)}
        />
        <button type="submit" className="button secondary small" disabled={!text.trim()}>
          Add note
        </button>
      </div>
      <ErrorText message={error} />
    </form>
  )
}
