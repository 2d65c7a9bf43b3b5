/**
 * Reminders in the page: the schedule computed from the data (the domain's rules) and handed to
 * the reminder clock (the main process in the desktop app, this page in a browser); what the
 * clock fires is written to its incident's timeline once (see engine.ts).
 */
import { dueReminders, scheduleTime, type Reminder } from '@shared/domain/reminders'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import type { ScheduledReminder } from '@shared/ipc-contract'
import type { ActionItem } from '@shared/domain/model'
import type { IncidentSummary } from '@shared/domain/summary'
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { useNow } from '../../components/use-now'
import type { SteadyDb } from '../../db/database'
import { useSettings, useSettledRead } from '../../db/hooks'
import { db, incidentsRepo } from '../../db/instance'
import { outstandingActionItems } from '../../db/queries/incident'
import type { Platform } from '../../platform'
import { useUi } from '../../stores/ui-store'
import { firedRecords, toSchedule, trayStatus } from './engine'

type Inputs = { incidents: IncidentSummary[]; items: ActionItem[] }

/**
 * What reminders are computed from: the summaries of the incidents that can still have one (active
 * and resolved, through the summaries' status index: closed and deleted have none, and are most of
 * a long history) and the outstanding action items. Never every incident, never a whole one, and
 * one read per status (not one per incident).
 */
export const loadReminderInputs = async (
  wanted: () => boolean = () => true,
  from: SteadyDb = db,
): Promise<Inputs | undefined> => {
  const [active, resolved, items] = await Promise.all([
    from.summaries.where('status').equals('active').toArray(),
    from.summaries.where('status').equals('resolved').toArray(),
    outstandingActionItems(from),
  ])
  return wanted() ? { incidents: [...active, ...resolved], items } : undefined
}
const loadInputs = (wanted?: () => boolean) => loadReminderInputs(wanted)

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

/** Runs for the app's whole life: hands the schedule to the clock and records what fired. */
export function useReminderEngine(platform: Platform): void {
  const now = useNow(15_000)
  const inputs = useReminderInputs()
  const reminders = useReminders(now, inputs)
  const recorded = useRef(new Set<string>())

  const record = useCallback((fired: ScheduledReminder[]) => {
    const batch = firedRecords(fired, Date.now(), recorded.current)
    if (batch.length) void incidentsRepo.recordMany(batch)
  }, [])
  useEffect(() => platform.onRemindersFired(record), [platform, record])

  useEffect(() => {
    if (!reminders) return
    const timer = setTimeout(
      () => void platform.syncReminders(toSchedule(reminders, Date.now())).then(record),
      1000,
    )
    return () => clearTimeout(timer)
  }, [reminders, platform, record])

  const dueCount = reminders?.filter((r) => r.at <= now && !r.missed).length ?? 0
  useEffect(() => {
    useUi.setState({ dueCount })
  }, [dueCount])
  useEffect(() => {
    if (inputs) platform.updateTray(trayStatus(inputs.incidents, dueCount))
  }, [inputs, dueCount, platform])
}
