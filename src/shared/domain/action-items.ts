import type { ActionItem, ActionItemStatus, Incident } from './model'
import { DEFAULT_SETTINGS } from './settings'
import { DAY } from './time'

export { ACTION_ITEM_STATUS_LABELS, ACTION_ITEM_TYPE_LABELS } from './vocabulary'

/** Due by default two weeks after resolution (or after now, before the incident is resolved). */
/**
 * Two weeks (by default) from resolution — or from when the record was entered, for an incident
 * back-filled long after it was resolved: its items are not born overdue.
 */
export function defaultDueAt(incident: Incident, now: number, settings = DEFAULT_SETTINGS): number {
  const from = Math.max(incident.resolvedAt ?? now, incident.openedAt)
  return from + settings.reminders.actionItemDueDays * DAY
}

export function newActionItem(
  input: Partial<Pick<ActionItem, 'type' | 'owner' | 'dueAt' | 'measure' | 'link'>> & {
    title: string
  },
  incident: Incident,
  ids: { id: string; now: number },
  settings = DEFAULT_SETTINGS,
): ActionItem {
  return {
    id: ids.id,
    incidentId: incident.id,
    title: input.title,
    type: input.type ?? 'prevent',
    owner: input.owner ?? '',
    dueAt: input.dueAt === undefined ? defaultDueAt(incident, ids.now, settings) : input.dueAt,
    measure: input.measure ?? '',
    ...(input.link ? { link: input.link } : {}),
    status: 'open',
    createdAt: ids.now,
    updatedAt: ids.now,
    doneAt: null,
    verifiedAt: null,
  }
}

/** open → done → verified; stepping back clears the later marks. */
export function withStatus(item: ActionItem, status: ActionItemStatus, now: number): ActionItem {
  return {
    ...item,
    status,
    updatedAt: now,
    doneAt: status === 'open' ? null : (item.doneAt ?? now),
    verifiedAt: status === 'verified' ? (item.verifiedAt ?? now) : null,
  }
}

/** The columns an action item shows in, wherever it is listed (screens and the Markdown export). */
/** The overview across incidents: what is edited there (type and "Done when" are on the incident). */
export const OVERVIEW_COLUMNS = ['Action item', 'Priority', 'Owner', 'Due', 'Status'] as const

export const ACTION_ITEM_COLUMNS = [
  'Action item',
  'Type',
  'Priority',
  'Owner',
  'Due',
  'Done when',
  'Status',
] as const

/** The two-week rule: items not done within two weeks tend never to get done. */
export const TWO_WEEKS = 14 * DAY

/**
 * How many items kept the two-week rule: of the items whose two weeks are over (or that are
 * done), how many were done within two weeks of being written down.
 */
export function twoWeekRule(
  items: Iterable<ActionItem>,
  now: number,
): { counted: number; onTime: number } {
  const tally = { counted: 0, onTime: 0 }
  for (const item of items) countTwoWeeks(tally, item, now)
  return tally
}

/** Adds one item to a tally of the two-week rule (for a pass that keeps counts, not items). */
export function countTwoWeeks(
  tally: { counted: number; onTime: number },
  item: Pick<ActionItem, 'createdAt' | 'doneAt'>,
  now: number,
): void {
  if (item.doneAt === null && now - item.createdAt < TWO_WEEKS) return
  tally.counted++
  if (item.doneAt !== null && item.doneAt - item.createdAt <= TWO_WEEKS) tally.onTime++
}
