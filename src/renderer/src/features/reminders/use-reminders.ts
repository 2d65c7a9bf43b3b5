/**
 * Reminders in the page: the schedule computed from the data (the domain's rules), handed to the
 * main process in the desktop app, and fired here while the page is open: each due reminder is
 * written to its incident's timeline once, and shown as a Web Notification in web mode.
 */
import { dueReminders, scheduleTime, type Reminder } from '@shared/domain/reminders'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { SYNC_LIMITS } from '@shared/ipc-contract'
import type { ActionItem, Incident } from '@shared/domain/model'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useRef } from 'react'
import { useNow } from '../../components/use-now'
import { readIncidentsInSlices, useSettings, useSettledRead } from '../../db/hooks'
import { db, incidentsRepo } from '../../db/instance'
import { outstandingActionItems } from '../../db/queries/incident'
import type { Platform } from '../../platform'
import { displayTitle } from '../phase/labels'
import { useUi } from '../../stores/ui-store'
import { fireDue } from './engine'

type Inputs = { incidents: Incident[]; items: ActionItem[] }

/** Closed and deleted incidents have no reminders. Read in slices: years of incidents are thousands. */
const loadInputs = async (wanted: () => boolean = () => true): Promise<Inputs | undefined> => {
  const [incidents, items] = await Promise.all([
    readIncidentsInSlices(
      wanted,
      (incident) => incident.status !== 'closed' && incident.status !== 'deleted',
    ),
    outstandingActionItems(db),
  ])
  return incidents && { incidents, items }
}

/**
 * The incidents and items reminders are computed from. Not a live query: re-reading every open
 * incident after each keystroke's save would make every write wait behind a full read. Instead it
 * reloads a moment after changes stop, which is soon enough for reminders (the clock moving on
 * needs no reload: reminders are computed again from the same inputs). At start-up the incidents
 * list comes first; reminders are computed a moment later.
 */
const useReminderInputs = (): Inputs | undefined => useSettledRead(loadInputs, REMINDER_READS)
const REMINDER_READS = {
  // Typing a post-mortem writes neither table, so it reloads nothing.
  tables: ['incidents', 'actionItems'],
  startMs: 1500,
  quietMs: 1500,
}

/** For the reminder center: live, so a snooze shows at once. */
export const useLiveReminderInputs = (): Inputs | undefined => useLiveQuery(loadInputs, [])

/**
 * Every reminder, due or upcoming, soonest first; undefined while loading. Computed again when the
 * data changes or a check-in period starts, not at every tick of `now` (see scheduleTime).
 */
export function useReminders(now: number, inputs: Inputs | undefined): Reminder[] | undefined {
  const settings = useSettings() ?? DEFAULT_SETTINGS
  const at = scheduleTime(now, settings)
  return useMemo(
    () => inputs && dueReminders(inputs.incidents, settings, at, inputs.items),
    [inputs, settings, at],
  )
}

/** Runs for the app's whole life: hands the schedule over and fires what comes due. */
export function useReminderEngine(platform: Platform): void {
  const now = useNow(15_000)
  const inputs = useReminderInputs()
  const reminders = useReminders(now, inputs)
  const fired = useRef(new Set<string>())

  useEffect(() => {
    if (!reminders || !inputs) return
    const timer = setTimeout(() => {
      void platform.syncReminders({
        // Missed ones (past before their incident was entered) stay in the center, never notified.
        reminders: reminders
          .filter((r) => !r.missed)
          .slice(0, SYNC_LIMITS.reminders)
          .map(({ id, incidentId, at, title, body }) => ({
            id,
            incidentId,
            at,
            title: title.slice(0, SYNC_LIMITS.title),
            body: body.slice(0, SYNC_LIMITS.body),
          })),
        activeIncidents: inputs.incidents
          .filter((i) => i.status === 'active')
          .slice(0, SYNC_LIMITS.activeIncidents)
          .map((i) => ({ id: i.id, title: displayTitle(i).slice(0, SYNC_LIMITS.incidentTitle) })),
      })
    }, 1000)
    return () => clearTimeout(timer)
  }, [reminders, inputs, platform])

  const dueCount = reminders?.filter((r) => r.at <= now && !r.missed).length ?? 0
  useEffect(() => {
    useUi.setState({ dueCount })
  }, [dueCount])

  useEffect(() => {
    if (!reminders) return
    const { notifications, record } = fireDue(reminders, now, fired.current)
    for (const n of notifications) platform.notify(n)
    if (record.length) void incidentsRepo.recordMany(record)
  }, [reminders, now, platform])
}
