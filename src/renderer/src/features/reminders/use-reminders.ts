/**
 * Reminders in the page: the schedule computed from the data (the domain's rules), handed to the
 * main process in the desktop app, and fired here while the page is open: each due reminder is
 * written to its incident's timeline once, and shown as a Web Notification in web mode.
 */
import { needsFiring, dueReminders, type Reminder } from '@shared/domain/reminders'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useRef } from 'react'
import { useNow } from '../../components/use-now'
import { useSettings } from '../../db/hooks'
import { db, incidentsRepo } from '../../db/instance'
import type { Platform } from '../../platform'
import { displayTitle } from '../incident/labels'

function useReminderInputs() {
  return useLiveQuery(async () => {
    const [incidents, items] = await Promise.all([
      db.incidents.where('status').anyOf('active', 'resolved').toArray(),
      db.actionItems.where('status').anyOf('open', 'done').toArray(),
    ])
    return { incidents, items }
  }, [])
}

/** Every reminder, due or upcoming, soonest first; undefined while loading. */
export function useReminders(now: number): Reminder[] | undefined {
  const inputs = useReminderInputs()
  const settings = useSettings() ?? DEFAULT_SETTINGS
  return useMemo(
    () => inputs && dueReminders(inputs.incidents, settings, now, inputs.items),
    [inputs, settings, now],
  )
}

/** Runs for the app's whole life: hands the schedule over and fires what comes due. */
export function useReminderEngine(platform: Platform): void {
  const now = useNow(15_000)
  const inputs = useReminderInputs()
  const reminders = useReminders(now)
  const firing = useRef(new Set<string>())

  useEffect(() => {
    if (!reminders || !inputs) return
    const timer = setTimeout(() => {
      void platform.syncReminders({
        reminders: reminders.slice(0, 5000).map(({ id, incidentId, at, title, body }) => ({
          id,
          incidentId,
          at,
          title: title.slice(0, 500),
          body: body.slice(0, 2000),
        })),
        activeIncidents: inputs.incidents
          .filter((i) => i.status === 'active')
          .slice(0, 200)
          .map((i) => ({ id: i.id, title: displayTitle(i).slice(0, 300) })),
      })
    }, 1000)
    return () => clearTimeout(timer)
  }, [reminders, inputs, platform])

  useEffect(() => {
    const due = (reminders ?? []).filter(
      (r) => needsFiring(r, now) && !firing.current.has(`${r.id}@${r.at}`),
    )
    if (!due.length) return
    for (const r of due) firing.current.add(`${r.id}@${r.at}`)
    // Many at once (after a long absence, or an import) become one notice and one write.
    if (due.length > 3)
      platform.notify({
        title: `${due.length} reminders are due`,
        body: 'See the reminder center.',
      })
    else for (const r of due) platform.notify(r)
    void incidentsRepo.recordMany(
      due.map((r) => ({
        incidentId: r.incidentId,
        drafts: [
          {
            kind: 'reminder-fired' as const,
            at: Math.max(now, r.at),
            payload: { reminderId: r.id, title: r.title },
          },
        ],
      })),
    )
  }, [reminders, now, platform])
}
