/** Builds incidents the way the app does: from events. For tests only. */
import {
  emptyIncident,
  openIncidentDrafts,
  replay,
  stampEvents,
  type EventDraft,
  type TimelineEvent,
} from './events'
import type { Incident } from './model'

export const T0 = Date.UTC(2026, 10, 26, 14, 0) // 26 Nov 2026, 14:00 UTC

export class IncidentLog {
  readonly events: TimelineEvent[] = []
  private counter = 0

  constructor(
    readonly id = 'inc-1',
    opened: Parameters<typeof openIncidentDrafts>[0] = { now: T0, title: 'Checkout returns 502' },
  ) {
    this.record(openIncidentDrafts(opened), opened.now)
  }

  record(drafts: EventDraft | readonly EventDraft[], recordedAt?: number): this {
    const list = Array.isArray(drafts) ? drafts : [drafts as EventDraft]
    const last = this.events.at(-1)
    this.events.push(
      ...stampEvents(list, {
        incidentId: this.id,
        lastSeq: last?.seq ?? 0,
        recordedAt: recordedAt ?? Math.max(last?.recordedAt ?? 0, ...list.map((d) => d.at)),
        newId: () => `${this.id}-e${++this.counter}`,
      }),
    )
    return this
  }

  get incident(): Incident {
    return replay(this.events) ?? emptyIncident(this.id, T0)
  }
}
