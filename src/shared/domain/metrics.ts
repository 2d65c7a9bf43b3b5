/** How the response went, as pure functions of an incident's events. */
import { replay, type TimelineEvent } from './events'
import type { ActionItem, Incident } from './model'
import { DEFAULT_SETTINGS } from './settings'
import { DAY, HOUR } from './time'

export interface IncidentMetrics {
  /** From the start of impact to detection. */
  timeToDetect: number | null
  /** From detection to leaving triage with a severity and a strategy. */
  timeToTriage: number | null
  /** From the start of impact until users were verified back. */
  timeToMitigate: number | null
  /** From the start of impact to resolution. */
  timeToResolve: number | null
  postmortem: {
    /** From resolution to the post-mortem marked final; null while not final. */
    latency: number | null
    /** null while it can still be on time. */
    onTime: boolean | null
  }
  actionItems: { total: number; doneInTime: number }
}

/** The latest state of each action item, from the events that recorded its changes. */
export function actionItemsFromEvents(events: readonly TimelineEvent[]): ActionItem[] {
  const items = new Map<string, ActionItem>()
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.kind !== 'action-item-changed') continue
    if (e.payload.change === 'deleted') items.delete(e.payload.item.id)
    else items.set(e.payload.item.id, e.payload.item)
  }
  return [...items.values()]
}

const span = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : to - from

/**
 * The standard durations (see DURATION_DEFINITIONS in postmortem.ts), all measured from the start
 * of impact, so they hold for an incident back-filled years later.
 */
export function responseDurations(
  incident: Pick<Incident, 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'>,
): { timeToDetect: number; timeToMitigate: number | null; timeToResolve: number | null } {
  return {
    timeToDetect: Math.max(0, incident.detectedAt - incident.startedAt),
    timeToMitigate: span(incident.startedAt, incident.mitigatedAt),
    timeToResolve: span(incident.startedAt, incident.resolvedAt),
  }
}

export function incidentMetrics(
  events: readonly TimelineEvent[],
  now: number,
  settings = DEFAULT_SETTINGS,
): IncidentMetrics | null {
  const incident = replay(events)
  if (!incident) return null
  const leftTriage = [...events]
    .sort((a, b) => a.seq - b.seq)
    .find((e) => e.kind === 'phase-changed' && e.payload.from === 'triage')
  const deadline = settings.reminders.postmortemDeadlineHours * HOUR
  const latency =
    incident.postmortemStatus === 'final'
      ? span(incident.resolvedAt, incident.postmortemFinalAt)
      : null
  const late = incident.resolvedAt !== null && now - incident.resolvedAt > deadline
  const items = actionItemsFromEvents(events)
  const window = settings.reminders.actionItemDueDays * DAY
  return {
    timeToDetect: span(incident.startedAt, incident.detectedAt),
    timeToTriage: span(incident.detectedAt, leftTriage?.at ?? null),
    timeToMitigate: span(incident.startedAt, incident.mitigatedAt),
    timeToResolve: span(incident.startedAt, incident.resolvedAt),
    postmortem: {
      latency,
      onTime: latency !== null ? latency <= deadline : late ? false : null,
    },
    actionItems: {
      total: items.length,
      doneInTime: items.filter(
        (item) =>
          item.doneAt !== null &&
          incident.resolvedAt !== null &&
          item.doneAt - incident.resolvedAt <= window,
      ).length,
    },
  }
}
