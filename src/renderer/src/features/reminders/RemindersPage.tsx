import type { Reminder } from '@shared/domain/reminders'
import type { IncidentSummary } from '@shared/domain/summary'
import { plural } from '@shared/domain/vocabulary'
import { HOUR, MINUTE } from '@shared/domain/time'
import { addDays, setHours, startOfHour } from 'date-fns'
import { useDeferredValue, useMemo, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { ShowMore } from '../../components/ShowMore'
import { usePlatform } from '../../platform/platform-context'
import { formatDateTime } from '../../components/format'
import { useNow } from '../../components/use-now'
import { incidentsRepo } from '../../db/instance'
import { measured } from '../../platform/perf'
import { useUi } from '../../stores/ui-store'
import { displayTitle } from '../phase/labels'
import {
  keyOf,
  reminderLists,
  withoutSettled,
  type ReminderLists,
  type Settled,
} from './reminder-lists'
import { useCenterReminderInputs, useReminders } from './use-reminders'

const SNOOZES = [
  { label: '10 minutes', until: (now: number) => now + 10 * MINUTE },
  { label: '1 hour', until: (now: number) => now + HOUR },
  {
    label: 'Tomorrow morning',
    until: (now: number) => startOfHour(setHours(addDays(now, 1), 9)).getTime(),
  },
]

/** Incidents (or missed reminders) shown at a time: a long history's due list is not one page. */
const PAGE = 10
/** Upcoming reminders shown. */
const UPCOMING = 30
const NONE: ReminderLists = { due: [], groups: [], missed: [], upcoming: [] }

/** The incidents by id, made once for each read of them (15,000 at 100,000 incidents). */
const byIdOf = new WeakMap<readonly IncidentSummary[], ReadonlyMap<string, IncidentSummary>>()
function incidentsById(inputs: { incidents: readonly IncidentSummary[] } | undefined) {
  if (!inputs) return new Map<string, IncidentSummary>()
  let byId = byIdOf.get(inputs.incidents)
  if (!byId) byIdOf.set(inputs.incidents, (byId = new Map(inputs.incidents.map((i) => [i.id, i]))))
  return byId
}

/** A snooze or dismissal not saved: what to say, on the row of which reminder. */
interface Failed {
  key: string
  message: string
}

type Settle = (reminders: readonly Reminder[], how: { snoozeUntil: number } | 'dismiss') => void

/** Snooze or dismiss several reminders at once: a group, or everything due. */
function BulkActions({
  reminders,
  what,
  settle,
}: {
  reminders: readonly Reminder[]
  what: string
  settle: Settle
}) {
  return (
    <div className="reminder-actions" role="group" aria-label={`Snooze or dismiss ${what}`}>
      {SNOOZES.map((s) => (
        <button
          key={s.label}
          type="button"
          className="pill"
          onClick={() => settle(reminders, { snoozeUntil: s.until(Date.now()) })}
        >
          Snooze {s.label}
        </button>
      ))}
      <button type="button" className="pill" onClick={() => settle(reminders, 'dismiss')}>
        Dismiss {reminders.length > 1 ? `all ${reminders.length}` : ''}
      </button>
    </div>
  )
}

/** The reminder center: what is due, grouped by incident, what was missed, and what comes next. */
export function RemindersPage() {
  const now = useNow(15_000)
  const inputs = useCenterReminderInputs()
  // A new list is rendered in slices the page can interrupt (ten incidents' reminders and the
  // next thirty are hundreds of buttons); a snooze or dismissal is shown at once.
  const computed = useDeferredValue(useReminders(now, inputs))
  // Reminders snoozed or dismissed here leave the lists at once, before the write is saved (30-50
  // ms at 100,000 incidents, with the disk's flush) and before the reminders are read and computed
  // again (a second or two). A write that fails puts them back and says so.
  const [settled, setSettled] = useState<Settled>(() => new Map())
  // The write that failed last: said on the row of its (first) reminder, back in the list.
  const [failed, setFailed] = useState<Failed | null>(null)
  const mark = (list: readonly Reminder[], gone: boolean) =>
    setSettled((before) => {
      const next = new Map(before)
      for (const r of list) {
        const keys = new Set(next.get(r.incidentId))
        if (gone) keys.add(keyOf(r))
        else keys.delete(keyOf(r))
        next.set(r.incidentId, keys)
      }
      return next
    })
  const settle: Settle = (list, how) => {
    // The focus, on a button of a row that leaves, goes on to the next reminder's.
    const next = rowAfter(list)
    mark(list, true)
    setFailed(null)
    if (next)
      requestAnimationFrame(() => {
        if (document.activeElement === document.body)
          next.querySelector<HTMLElement>('.reminder-actions button')?.focus()
      })
    measured('settle', () => incidentsRepo.settleReminders(list, how)).catch((error: unknown) => {
      mark(list, false)
      const [first] = list
      if (!first) return
      const what =
        list.length === 1
          ? `“${first.title}” (${title(first.incidentId)})`
          : plural(list.length, 'reminder')
      const verb = how === 'dismiss' ? 'dismiss' : 'snooze'
      setFailed({
        key: keyOf(first),
        message: `Could not ${verb} ${what}: ${error instanceof Error ? error.message : String(error)} ${list.length === 1 ? 'It is' : 'They are'} back in the list.`,
      })
    })
  }
  const navigate = useUi((s) => s.navigate)
  const byId = incidentsById(inputs)
  const title = (id: string) => {
    const incident = byId.get(id)
    return incident ? displayTitle(incident) : 'An incident'
  }
  const lists = computed && reminderLists(computed, now)
  const { due, missed, upcoming, groups } = useMemo(
    () => withoutSettled(lists ?? NONE, settled, UPCOMING),
    [lists, settled],
  )
  const [groupsShown, setGroupsShown] = useState(PAGE)
  const [missedShown, setMissedShown] = useState(PAGE)
  // Its rows are made when it is opened: most of the time it stays closed.
  const [missedOpen, setMissedOpen] = useState(false)
  return (
    <section className="page" aria-labelledby="reminders-title">
      <h1 id="reminders-title">Reminders</h1>
      <NotificationAccess />
      <section aria-labelledby="due-title" className="section">
        <div className="section-head">
          <h2 id="due-title" className="section-title">
            Due now{due.length > 0 && ` (${due.length})`}
          </h2>
          {groups.length > 1 && (
            <BulkActions reminders={due} what="everything due" settle={settle} />
          )}
        </div>
        {!computed ? (
          <p className="muted" role="status">
            Looking for what is due…
          </p>
        ) : due.length === 0 ? (
          <p className="muted">Nothing is due. Steady reminds you when a step comes due.</p>
        ) : (
          groups.slice(0, groupsShown).map(([incidentId, list]) => {
            const name = title(incidentId)
            return (
              <section key={incidentId} className="reminder-group" aria-label={name}>
                <div className="section-head">
                  <h3 className="reminder-group-title">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => navigate({ screen: 'incident', id: incidentId })}
                    >
                      {name}
                    </button>{' '}
                    <span className="muted small">{plural(list.length, 'reminder')}</span>
                  </h3>
                  {list.length > 1 && (
                    <BulkActions reminders={list} what={`all of ${name}`} settle={settle} />
                  )}
                </div>
                <ul className="reminder-list" aria-label={`Due reminders: ${name}`}>
                  {list.map((r) => (
                    <ReminderRow
                      key={r.id}
                      reminder={r}
                      now={now}
                      due
                      settle={settle}
                      failed={failed}
                    />
                  ))}
                </ul>
              </section>
            )
          })
        )}
        <ShowMore
          shown={groupsShown}
          total={groups.length}
          what="incidents"
          page={PAGE}
          onMore={() => setGroupsShown((n) => n + PAGE)}
        />
      </section>
      {missed.length > 0 && (
        <details className="section helper" onToggle={(e) => setMissedOpen(e.currentTarget.open)}>
          <summary>
            Missed: {plural(missed.length, 'reminder')} already past when their incident was entered
          </summary>
          <p className="field-hint">
            Back-filled or imported incidents: these were never notified.
          </p>
          <BulkActions reminders={missed} what="the missed reminders" settle={settle} />
          <ul className="reminder-list" aria-label="Missed reminders">
            {missed.slice(0, missedOpen ? missedShown : 0).map((r) => (
              <ReminderRow key={r.id} reminder={r} now={now} due settle={settle} failed={failed} />
            ))}
          </ul>
          <ShowMore
            shown={missedShown}
            total={missed.length}
            what="missed reminders"
            page={PAGE}
            onMore={() => setMissedShown((n) => n + PAGE)}
          />
        </details>
      )}
      <section aria-labelledby="upcoming-title" className="section">
        <h2 id="upcoming-title" className="section-title">
          Coming up
        </h2>
        {!computed ? null : upcoming.length === 0 ? (
          <p className="muted">No reminder is scheduled.</p>
        ) : (
          <ul className="reminder-list" aria-label="Upcoming reminders">
            {upcoming.map((r) => (
              <ReminderRow
                key={r.id}
                reminder={r}
                now={now}
                due={false}
                settle={settle}
                failed={failed}
              />
            ))}
          </ul>
        )}
      </section>
    </section>
  )
}

function ReminderRow({
  reminder,
  now,
  due,
  settle,
  failed,
}: {
  reminder: Reminder
  now: number
  due: boolean
  settle: Settle
  failed: Failed | null
}) {
  const navigate = useUi((s) => s.navigate)
  return (
    <li
      className="reminder"
      data-due={due || undefined}
      data-reminder={keyOf(reminder)}
      aria-label={reminder.title}
    >
      <div className="reminder-main">
        <span className="reminder-title">{reminder.title}</span>
        <span className="muted small">{reminder.body}</span>
        <span className="muted small">
          {due ? 'Due' : 'At'} {formatDateTime(reminder.at, now)} ·{' '}
          <button
            type="button"
            className="link-button small"
            onClick={() => navigate({ screen: 'incident', id: reminder.incidentId })}
          >
            Open incident
          </button>
        </span>
      </div>
      <div
        className="reminder-actions"
        role="group"
        aria-label={`Snooze or dismiss: ${reminder.title}`}
      >
        {SNOOZES.map((s) => (
          <button
            key={s.label}
            type="button"
            className="pill"
            onClick={() => settle([reminder], { snoozeUntil: s.until(Date.now()) })}
          >
            Snooze {s.label}
          </button>
        ))}
        <button type="button" className="pill" onClick={() => settle([reminder], 'dismiss')}>
          Dismiss
        </button>
      </div>
      <ErrorText message={failed?.key === keyOf(reminder) ? failed.message : null} />
    </li>
  )
}

/**
 * The row the focus goes to when the reminders in `list` leave: the first after the focus, else the
 * last before it (none when the focus is elsewhere).
 */
function rowAfter(list: readonly Reminder[]): HTMLElement | undefined {
  const focus = document.activeElement
  if (!focus?.closest('.reminder, .reminder-group, .section-head')) return undefined
  const gone = new Set(list.map(keyOf))
  const rows = [...document.querySelectorAll<HTMLElement>('li[data-reminder]')].filter(
    (row) => !gone.has(row.dataset['reminder'] ?? ''),
  )
  const after = (row: HTMLElement) =>
    (focus.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
  return rows.find(after) ?? rows.filter((row) => !after(row)).at(-1)
}

/** Web mode asks for notification permission once, and only when the user chooses to. */
function NotificationAccess() {
  const platform = usePlatform()
  const [access, setAccess] = useState(() => platform.notificationAccess())
  if (access === 'granted') return null
  return (
    <p className="info">
      {access === 'default' ? (
        <>
          Steady can show reminders as notifications while this page is open.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => void platform.requestNotificationAccess().then(setAccess)}
          >
            Allow notifications
          </button>
        </>
      ) : (
        'Notifications are off for this page; reminders still appear here.'
      )}
    </p>
  )
}
