import { plural } from '@shared/domain/vocabulary'
import { LIMITS } from '@shared/domain/model'
import { LimitedText } from '../../components/limited'
import {
  describeEvent,
  spansDays,
  timelineEntries,
  type TimelineEntry,
} from '@shared/domain/timeline'
import { Star, X } from 'lucide-react'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { formatTime, shownDay } from '../../components/format'
import { TimePicker, WhenField } from '../../components/TimePicker'
import { incidentsRepo } from '../../db/instance'
import { useIncidentEvents } from '../../db/hooks'
import { useUi } from '../../stores/ui-store'

function useTimeline(incidentId: string, withBookkeeping: boolean) {
  const events = useIncidentEvents(incidentId)
  return useMemo(() => {
    const all = timelineEntries(events ?? [])
    const entries = withBookkeeping ? all.filter((e) => !e.deleted) : all.filter((e) => e.shown)
    return {
      entries,
      withDates: spansDays(
        entries.map((e) => e.event),
        shownDay,
      ),
    }
  }, [events, withBookkeeping])
}

/** Times outside this year carry their date, whether or not the entries span days. */
const thisYear = (ms: number) => shownDay(ms).slice(0, 4) === shownDay(Date.now()).slice(0, 4)

/** Entries whose time is a fact the user can correct (phase moves keep their real time). */
const CORRECTABLE = (entry: TimelineEntry) =>
  entry.event.kind !== 'phase-changed' && entry.event.kind !== 'incident-opened'
const DELETABLE = new Set(['note', 'mitigation-action', 'hypothesis-added'])
const MARKS = [
  {
    mark: 'starred',
    label: 'Star',
    title: "Starred entries are always in the post-mortem's timeline",
  },
  {
    mark: 'hidden',
    label: 'Hide',
    title: 'Hidden entries stay on the record, out of the story and the post-mortem',
  },
] as const

function Entries({
  entries,
  withDates,
  incidentId,
}: {
  entries: TimelineEntry[]
  withDates: boolean
  /** Given, entries can be corrected, starred, hidden, edited. */
  incidentId?: string
}) {
  // The newest entry is at the end: a new one scrolls into view instead of under the note box.
  const list = useRef<HTMLOListElement>(null)
  const count = entries.length
  useEffect(() => {
    // In the next frame, which lays the screen out to paint it anyway: read here, scrollHeight
    // laid out the whole screen inside the render's task (with a 50-page post-mortem beside the
    // timeline, 100-125 ms before the document was even in the page).
    const frame = requestAnimationFrame(() => {
      const el = list.current
      if (el) el.scrollTop = el.scrollHeight
    })
    return () => cancelAnimationFrame(frame)
  }, [count])
  return (
    // A scrolling list takes focus, so it can be scrolled from the keyboard.
    <ol
      ref={list}
      className="timeline-list"
      tabIndex={incidentId ? 0 : undefined}
      aria-label="Timeline entries"
      data-dated={withDates || entries.some((e) => !thisYear(e.event.at)) || undefined}
    >
      {entries.map((entry) => (
        <li
          key={entry.event.id}
          className="timeline-item"
          data-kind={entry.event.kind}
          data-key={entry.key || undefined}
          data-mark={entry.mark}
        >
          <time dateTime={new Date(entry.event.at).toISOString()} className="timeline-time">
            {formatTime(entry.event.at, withDates)}
          </time>
          <span className="timeline-text">
            {entry.mark === 'starred' && (
              <Star size={12} className="timeline-star" aria-label="Starred" />
            )}
            {entry.text}
            {entry.mark === 'hidden' && <span className="muted"> (hidden from the story)</span>}
            {entry.correctedFrom.length > 0 && (
              <span className="muted timeline-corrected">
                {' '}
                · corrected from {formatTime(entry.correctedFrom[0] ?? 0, withDates)}
              </span>
            )}
            {entry.history.some(
              (h) => h.kind !== 'time-corrected' && h.kind !== 'entry-marked',
            ) && <span className="muted"> · edited</span>}
          </span>
          {incidentId && <EntryEditor incidentId={incidentId} entry={entry} />}
        </li>
      ))}
    </ol>
  )
}

/** Correct, star, hide, edit or delete one entry; the history of its changes underneath. */
function EntryEditor({ incidentId, entry }: { incidentId: string; entry: TimelineEntry }) {
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { event } = entry
  const [text, setText] = useState(event.kind === 'note' ? event.payload.text : '')
  const panelId = useId()
  const run = (work: Promise<unknown>) =>
    work.then(
      () => setError(null),
      (e: Error) => setError(e.message),
    )
  return (
    <>
      <button
        type="button"
        className="link-button small timeline-edit"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Change entry: ${entry.text}`}
        onClick={() => setOpen(!open)}
      >
        Change
      </button>
      {open && (
        <div id={panelId} className="timeline-editor">
          {CORRECTABLE(entry) && (
            <TimePicker
              label="Happened at"
              value={event.at}
              onChange={(ms) => incidentsRepo.correctTime(incidentId, event.id, ms).then(() => {})}
            />
          )}
          {event.kind === 'note' && (
            <div className="field">
              <label className="field-label" htmlFor={`${panelId}-text`}>
                Note text
              </label>
              <LimitedText
                multiline
                id={`${panelId}-text`}
                className="input"
                rows={2}
                max={LIMITS.text}
                value={text}
                onValue={setText}
              />
              <button
                type="button"
                className="button secondary small"
                disabled={!text.trim() || text.trim() === event.payload.text}
                onClick={() => void run(incidentsRepo.editNote(incidentId, event.id, text))}
              >
                Save note
              </button>
            </div>
          )}
          <div className="timeline-editor-actions">
            {MARKS.map(({ mark, label, title }) => (
              <button
                key={mark}
                type="button"
                className="button quiet small"
                aria-pressed={entry.mark === mark}
                title={title}
                onClick={() =>
                  // Pressed again, the entry goes back to what its kind says.
                  void run(
                    incidentsRepo.markEntry(
                      incidentId,
                      event.id,
                      entry.mark === mark ? 'auto' : mark,
                    ),
                  )
                }
              >
                {label}
              </button>
            ))}
            {DELETABLE.has(event.kind) && (
              <button
                type="button"
                className="button quiet small danger"
                onClick={() => void run(incidentsRepo.deleteEntry(incidentId, event.id))}
              >
                Delete
              </button>
            )}
          </div>
          {entry.history.length > 0 && (
            <ul className="timeline-history" aria-label="History of this entry">
              {entry.history.map((h) => (
                <li key={h.id} className="muted small">
                  {formatTime(h.recordedAt, true)}:{' '}
                  {h.kind === 'time-corrected'
                    ? `time corrected from ${formatTime(h.payload.from, true)} to ${formatTime(h.payload.to, true)}`
                    : describeEvent(h)}
                </li>
              ))}
            </ul>
          )}
          <ErrorText message={error} />
        </div>
      )}
    </>
  )
}

/** The drawer on the right (T): the story of the incident, newest at the bottom, plus notes. */
const COMPACT_ENTRIES = 3

/**
 * The incident's timeline beside the work; in a narrow window, a drawer over it that closes with
 * Escape or its close button and gives focus back to what opened it.
 */
export function TimelinePanel({
  incidentId,
  drawer,
  compact,
}: {
  incidentId: string
  drawer?: boolean
  /** Focus mode: the last three entries, and a way to see the rest. */
  compact?: boolean
}) {
  const [bookkeeping, setBookkeeping] = useState(false)
  const [all, setAll] = useState(false)
  const timeline = useTimeline(incidentId, bookkeeping)
  const hidden = compact && !all ? Math.max(timeline.entries.length - COMPACT_ENTRIES, 0) : 0
  const entries = hidden ? timeline.entries.slice(hidden) : timeline.entries
  const { withDates } = timeline
  const panel = useRef<HTMLElement>(null)
  useEffect(() => {
    if (!drawer) return
    const opener = document.activeElement as HTMLElement | null
    panel.current?.focus()
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useUi.getState().toggleTimeline()
    }
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('keydown', close)
      opener?.focus()
    }
  }, [drawer])
  return (
    <aside
      ref={panel}
      id="timeline-panel"
      className="timeline-panel"
      data-drawer={drawer || undefined}
      aria-label="Timeline"
      tabIndex={drawer ? -1 : undefined}
    >
      <div className="timeline-head">
        <h2 className="timeline-title">Timeline</h2>
        <label className="check small">
          <input
            type="checkbox"
            checked={bookkeeping}
            onChange={(e) => setBookkeeping(e.target.checked)}
          />
          Show bookkeeping
        </label>
        {drawer && (
          <button
            type="button"
            className="icon-button timeline-close"
            aria-label="Close the timeline"
            onClick={() => useUi.getState().toggleTimeline()}
          >
            <X size={16} aria-hidden="true" />
          </button>
        )}
      </div>
      {hidden > 0 && (
        <button type="button" className="link-button timeline-more" onClick={() => setAll(true)}>
          Show {plural(hidden, 'earlier entry', 'earlier entries')}
        </button>
      )}
      <Entries entries={entries} withDates={withDates} incidentId={incidentId} />
      <NoteForm incidentId={incidentId} />
    </aside>
  )
}

/** The story so far, read-only (the Diagnose screen). */
export function CompactTimeline({ incidentId }: { incidentId: string }) {
  const { entries, withDates } = useTimeline(incidentId, false)
  return <Entries entries={entries} withDates={withDates} />
}

function NoteForm({ incidentId }: { incidentId: string }) {
  const [text, setText] = useState('')
  const [at, setAt] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const add = async (): Promise<void> => {
    if (!text.trim()) return
    try {
      await incidentsRepo.addNote(incidentId, text.trim(), at ?? undefined)
      setText('')
      setAt(null)
      setError(null)
    } catch (e) {
      setError(`${(e as Error).message} Your note is still here.`)
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
      <LimitedText
        multiline
        id="timeline-note"
        className="input"
        rows={2}
        placeholder="Add a note…"
        value={text}
        max={LIMITS.text}
        onValue={setText}
        onKeyDown={(e) => {
          // Enter (or Ctrl+Enter, which elsewhere moves the phase on) adds the note;
          // Shift+Enter starts a new line.
          if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
            e.preventDefault()
            void add()
          }
        }}
      />
      <div className="note-row">
        <WhenField label="Time of the note" value={at} onChange={setAt} />
        <button type="submit" className="button secondary small" disabled={!text.trim()}>
          Add note
        </button>
      </div>
      <ErrorText message={error} />
    </form>
  )
}
