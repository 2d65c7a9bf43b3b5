import type { ActionItem, ActionItemStatus, ActionItemType, Incident } from './model'
import { DEFAULT_SETTINGS } from './settings'
import { DAY } from './time'

export const ACTION_ITEM_TYPE_LABELS: Record<ActionItemType, string> = {
  mitigate: 'Mitigate',
  prevent: 'Prevent',
  detect: 'Detect / monitoring',
  test: 'Test',
  process: 'Process / runbook',
  'review-similar': 'Review similar systems',
}

/** Due by default two weeks after resolution (or after now, before the incident is resolved). */
export function defaultDueAt(incident: Incident, now: number, settings = DEFAULT_SETTINGS): number {
  return (incident.resolvedAt ?? now) + settings.reminders.actionItemDueDays * DAY
}

export function newActionItem(
  input: Partial<Pick<ActionItem, 'type' | 'owner' | 'dueAt' | 'measure'>> & { title: string },
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

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'Open',
  done: 'Done',
  verified: 'Verified',
}

/** The columns an action item shows in, wherever it is listed (screens and the Markdown export). */
export const ACTION_ITEM_COLUMNS = [
  'Action item',
  'Type',
  'Owner',
  'Due',
  'Done when',
  'Status',
] as const
