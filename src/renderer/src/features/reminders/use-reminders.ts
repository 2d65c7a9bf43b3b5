/**
 * Reminders in the page: the schedule computed from the data (the domain's rules) and handed to
 * the reminder clock (the main process in the desktop app, this page in a browser); what the
 * clock fires is written to its incident's timeline once (see engine.ts).
 */
import {
  byTime,
  itemsByIncident,
  remindersOf,
  scheduleTime,
  type Reminder,
} from '@shared/domain/reminders'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import type { ScheduledReminder } from '@shared/ipc-contract'
import type { ActionItem, Settings } from '@shared/domain/model'
import type { IncidentSummary } from '@shared/domain/summary'
import { sortByKey } from '@shared/sort-by-key'
import { patchSorted } from '@shared/sorted-patch'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useNow } from '../../components/use-now'
import { pageOutstanding, settledCache, useSettings, useSettledRead } from '../../db/hooks'
import { db, incidentsRepo } from '../../db/instance'
import { openSummariesReader } from '../../db/queries/incident'
import type { FollowedReader } from '../../db/summaries-reader'
import type { Platform } from '../../platform'
import { yieldToPage } from '../../platform/perf'
import { useUi } from '../../stores/ui-store'
import { firedRecords, toSchedule, trayStatus } from './engine'
import { dueCount } from './reminder-lists'

type Inputs = { incidents: IncidentSummary[]; items: ActionItem[] }

/**
 * What reminders are computed from: the summaries of the incidents that can still have one (active
 * and resolved, through the summaries' status index: closed and deleted have none, and are most of
 * a long history) and the outstanding action items. Never every incident, never a whole one; read
 * whole once, then only what changed (a snooze reads one summary again, not 15,000).
 */
export const reminderInputs =
  (incidents: FollowedReader<IncidentSummary>, items: FollowedReader<ActionItem>) =>
  async (wanted: () => boolean): Promise<Inputs | undefined> => {
    const open = await incidents.read(wanted)
    const outstanding = open && (await items.read(wanted))
    return open && outstanding && { incidents: open, items: outstanding }
  }
const loadInputs = reminderInputs(openSummariesReader(db), pageOutstanding)

/**
 * The incidents and items reminders are computed from. Not a live query: re-reading every open
 * incident after each keystroke's save would make every write wait behind a full read. Instead it
 * reloads a moment after changes stop, which is soon enough for reminders (the clock moving on
 * needs no reload: reminders are computed again from the same inputs). At start-up the incidents
 * list comes first; reminders are computed a moment later. The reminder center reads the same,
 * sooner after a change (a snooze shows at once), and shows the last read while nothing changed.
 */
const useReminderInputs = (): Inputs | undefined => useSettledRead(loadInputs, REMINDER_READS)
// Typing a post-mortem writes neither table, so it reloads nothing.
const TABLES = ['incidents', 'actionItems']
const lastInputs = settledCache<Inputs>(TABLES)
const REMINDER_READS = { tables: TABLES, startMs: 1500, quietMs: 1500, cache: lastInputs }
const CENTER_READS = { tables: TABLES, startMs: 0, quietMs: 100, cache: lastInputs }

/** For the reminder center: read again soon after a change, and shown at once when current. */
export const useCenterReminderInputs = (): Inputs | undefined =>
  useSettledRead(loadInputs, CENTER_READS)

/**
 * Milliseconds of computing between two looks at the page (a count of incidents was not a time:
 * the first thousand, before the code was optimised, took 48 ms at start-up).
 */
const REMINDER_SLICE_MS = 8

let lastComputed: { inputs: Inputs; settings: string; at: number; result: Promise<Reminder[]> }

/** An incident's reminders as last worked out, and from what. */
interface Worked {
  settings: string
  at: number
  items: readonly ActionItem[]
  reminders: Reminder[]
}
/** By summary: a summary that did not change is the same object from one read to the next. */
const worked = new WeakMap<IncidentSummary, Worked>()
const NO_ITEMS: readonly ActionItem[] = []
const sameItems = (a: readonly ActionItem[], b: readonly ActionItem[]) =>
  a.length === b.length && a.every((item, n) => item === b[n])

/**
 * Every reminder of `inputs`, a few milliseconds at a time (at 100,000 incidents, 15,000 open
 * ones make 30,000 reminders: 150 ms at once). The engine and the reminder center ask for the
 * same inputs at the same time: computed once for both. An incident whose summary, items,
 * settings and time are those of the last computation keeps its reminders (after a snooze, one
 * incident is worked out again).
 */
export function computeReminders(
  inputs: Inputs,
  settings: Settings,
  at: number,
  sliceMs = REMINDER_SLICE_MS,
): Promise<Reminder[]> {
  const key = JSON.stringify(settings)
  const last = lastComputed
  if (last?.inputs === inputs && last.settings === key && last.at === at) return last.result
  const result = (async () => {
    const items = itemsByIncident(inputs.items)
    const byIncident = new Map<string, readonly Reminder[]>()
    let began = performance.now()
    for (const incident of inputs.incidents) {
      if (performance.now() - began >= sliceMs) {
        await yieldToPage('background')
        began = performance.now()
      }
      const its = items.get(incident.id) ?? NO_ITEMS
      const last = worked.get(incident)
      if (last?.settings === key && last.at === at && sameItems(last.items, its)) {
        byIncident.set(incident.id, last.reminders)
        continue
      }
      const fresh = remindersOf([incident], settings, at, items)
      worked.set(incident, { settings: key, at, items: its, reminders: fresh })
      byIncident.set(incident.id, fresh)
    }
    return ordered(byIncident)
  })()
  lastComputed = { inputs, settings: key, at, result }
  return result
}

/** More reminders changed than this since the last order: sorted whole again. */
const PATCHED_UP_TO = 2000

/** The last computation's reminders by incident, and in order: the next is patched from it. */
let lastOrder:
  { byIncident: ReadonlyMap<string, readonly Reminder[]>; sorted: Reminder[] } | undefined

/**
 * Each incident's reminders, soonest first (`byTime`): the last order patched with the reminders
 * of the incidents worked out again (a sort of 75,000 reminders at 100,000 incidents was a task of
 * 50–100 ms after each change, a snooze or an autosave), or sorted whole.
 */
function ordered(byIncident: ReadonlyMap<string, readonly Reminder[]>): Reminder[] {
  const before = lastOrder
  let sorted: Reminder[] | undefined
  if (before) {
    const gone: Reminder[] = []
    const added: Reminder[] = []
    for (const [id, list] of before.byIncident) if (byIncident.get(id) !== list) gone.push(...list)
    for (const [id, list] of byIncident) if (before.byIncident.get(id) !== list) added.push(...list)
    if (gone.length + added.length <= PATCHED_UP_TO)
      sorted = patchSorted(before.sorted, gone, added, byTime)
  }
  sorted ??= inTimeOrder([...byIncident.values()].flat())
  lastOrder = { byIncident, sorted }
  return sorted
}

/**
 * Reminders soonest first, those at the same moment by id (`byTime`): sorted by time as packed
 * keys (75,000 reminders at 100,000 incidents took 40–60 ms of one task compared pair by pair),
 * then each run at one moment by id.
 */
export function inTimeOrder(reminders: readonly Reminder[]): Reminder[] {
  const sorted = sortByKey(reminders, (reminder) => reminder.at)
  const n = sorted.length
  let from = 0
  for (let to = 1; to <= n; to++) {
    if (to < n && (sorted[to] as Reminder).at === (sorted[from] as Reminder).at) continue
    // Most runs are two (an item's due and overdue reminders at 100,000 incidents: 28,000 of
    // them): swapped in place, not copied out and sorted (that doubled the first order's time).
    if (to - from === 2) {
      const a = sorted[from] as Reminder
      const b = sorted[from + 1] as Reminder
      if (b.id < a.id) {
        sorted[from] = b
        sorted[from + 1] = a
      }
    } else if (to - from > 2) {
      const run = sorted.slice(from, to).sort(byTime)
      for (let k = 0; k < run.length; k++) sorted[from + k] = run[k] as Reminder
    }
    from = to
  }
  return sorted
}

/**
 * Every reminder, due or upcoming, soonest first; undefined while loading. Computed again when the
 * data changes or a check-in period starts, not at every tick of `now` (see scheduleTime); the
 * last list is kept until the next is computed.
 */
export function useReminders(now: number, inputs: Inputs | undefined): Reminder[] | undefined {
  const settings = useSettings() ?? DEFAULT_SETTINGS
  const at = scheduleTime(now, settings)
  // The same settings each time they read the same (a live read gives a new object each time).
  const key = JSON.stringify(settings)
  const same = useMemo(() => JSON.parse(key) as Settings, [key])
  const [reminders, setReminders] = useState<Reminder[]>()
  useEffect(() => {
    if (!inputs) return
    let alive = true
    void computeReminders(inputs, same, at).then((next) => alive && setReminders(next))
    return () => {
      alive = false
    }
  }, [inputs, same, at])
  return reminders
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

  const due = reminders ? dueCount(reminders, now) : 0
  useEffect(() => {
    useUi.setState({ dueCount: due })
  }, [due])
  useEffect(() => {
    if (inputs) platform.updateTray(trayStatus(inputs.incidents, due))
  }, [inputs, due, platform])
}
