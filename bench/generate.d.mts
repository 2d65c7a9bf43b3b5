import type { TimelineEvent } from '../src/shared/domain/events'
import type { ActionItem, Incident } from '../src/shared/domain/model'
import type { PostmortemDoc } from '../src/shared/domain/postmortem'

export interface BenchDataset {
  incidents: Incident[]
  events: TimelineEvent[]
  actionItems: ActionItem[]
  postmortems: { incidentId: string; updatedAt: number; doc: PostmortemDoc }[]
}

export function generateDataset(
  count: number,
  options?: {
    eventsPer?: number
    bigEvents?: number
    seed?: number
    busy?: boolean
    /** The first incident's number: generates incidents from … from + count - 1. */
    from?: number
  },
): BenchDataset
