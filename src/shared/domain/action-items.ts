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

/** What the two-week rule and the action items counts need of an incident's items. */
export interface ItemDigest {
  total: number
  /** Items done (or verified), and how many of those were done within two weeks. */
  done: number
  onTime: number
  /** When each item not done yet was written down: its two weeks run out with time. */
  notDoneSince: number[]
  /** When the newest item was written down. */
  latest: number
}

/** The digest of one incident's items; undefined when it has none. */
export function digestItems(
  items: readonly Pick<ActionItem, 'createdAt' | 'doneAt'>[],
): ItemDigest | undefined {
  if (items.length === 0) return undefined
  const digest: ItemDigest = { total: 0, done: 0, onTime: 0, notDoneSince: [], latest: 0 }
  for (const item of items) {
    digest.total++
    digest.latest = Math.max(digest.latest, item.createdAt)
    if (item.doneAt === null) digest.notDoneSince.push(item.createdAt)
    else {
      digest.done++
      if (item.doneAt - item.createdAt <= TWO_WEEKS) digest.onTime++
    }
  }
  return digest
}

/** Whether an item written down at `since` and not done yet counts against the two-week rule. */
export const twoWeeksPassed = (since: number, now: number): boolean => now - since >= TWO_WEEKS

/** Adds one incident's items, by their digest, to a tally of the two-week rule. */
export function countDigest(
  tally: { counted: number; onTime: number },
  digest: ItemDigest,
  now: number,
): void {
  tally.counted += digest.done
  tally.onTime += digest.onTime
  for (const since of digest.notDoneSince) if (twoWeeksPassed(since, now)) tally.counted++
}
