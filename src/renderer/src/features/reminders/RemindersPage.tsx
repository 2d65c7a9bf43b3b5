import type { Reminder } from '@shared/domain/reminders'
import { HOUR, MINUTE } from '@shared/domain/time'
import { addDays, setHours, startOfHour } from 'date-fns'
import { useState } from 'react'
import { usePlatform } from '../../platform/platform-context'
import { formatDateTime } from '../../components/format'
import { useNow } from '../../components/use-now'
import { incidentsRepo } from '../../db/instance'
import { useUi } from '../../stores/ui-store'
import { useLiveReminderInputs, useReminders } from './use-reminders'

const SNOOZES = [
  { label: '10 minutes', until: (now: number) => now + 10 * MINUTE },
  { label: '1 hour', until: (now: number) => now + HOUR },
  {
    label: 'Tomorrow morning',
    until: (now: number) => startOfHour(setHours(addDays(now, 1), 9)).getTime(),
  },
]

/** The reminder center: what is due (or was missed), and what comes next. */
export function RemindersPage() {
  const now = useNow(15_000)
  const reminders = useReminders(now, useLiveReminderInputs())
  const due = reminders?.filter((r) => r.at <= now) ?? []
  const upcoming = reminders?.filter((r) => r.at > now).slice(0, 30) ?? []
  return (
    <section className="page" aria-labelledby="reminders-title">
      <h1 id="reminders-title">Reminders</h1>
      <NotificationAccess />
      <section aria-labelledby="due-title" className="section">
        <h2 id="due-title" className="section-title">
          Due now
        </h2>
        {due.length === 0 ? (
          <p className="muted">Nothing is due. Steady reminds you when a step comes due.</p>
        ) : (
          <ul className="reminder-list" aria-label="Due reminders">
            {due.map((r) => (
              <ReminderRow key={r.id} reminder={r} now={now} due />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="upcoming-title" className="section">
        <h2 id="upcoming-title" className="section-title">
          Coming up
        </h2>
        {upcoming.length === 0 ? (
          <p className="muted">No reminder is scheduled.</p>
        ) : (
          <ul className="reminder-list" aria-label="Upcoming reminders">
            {upcoming.map((r) => (
              <ReminderRow key={r.id} reminder={r} now={now} due={false} />
            ))}
          </ul>
        )}
      </section>
    </section>
  )
}

function ReminderRow({ reminder, now, due }: { reminder: Reminder; now: number; due: boolean }) {
  const navigate = useUi((s) => s.navigate)
  return (
    <li className="reminder" data-due={due || undefined} aria-label={reminder.title}>
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
            onClick={() => void incidentsRepo.snoozeReminder(reminder, s.until(Date.now()))}
          >
            Snooze {s.label}
          </button>
        ))}
        <button
          type="button"
          className="pill"
          onClick={() => void incidentsRepo.dismissReminder(reminder)}
        >
          Dismiss
        </button>
      </div>
    </li>
  )
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
