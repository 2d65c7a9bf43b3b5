/**
 * Post-mortem documents. Saving the document is not an incident event (it would flood the
 * timeline while typing); starting it, finalising it and scheduling the break before it are.
 */
import { postmortemDocSchema, type PostmortemDoc } from '@shared/domain/postmortem'
import { z } from 'zod'
import type { PostmortemRow } from './database'
import { DbError, toDbError } from './errors'
import { IncidentsRepo, type RepoDeps } from './incidents-repo'

export class PostmortemsRepo {
  private readonly incidents: IncidentsRepo
  private readonly now: () => number

  constructor(private readonly deps: RepoDeps) {
    this.incidents = new IncidentsRepo(deps)
    this.now = deps.now ?? Date.now
  }

  get(incidentId: string): Promise<PostmortemRow | undefined> {
    return this.deps.db.postmortems.get(incidentId)
  }

  /** Saves the document; the first save also marks the post-mortem as a draft on the timeline. */
  async save(incidentId: string, doc: PostmortemDoc): Promise<void> {
    const parsed = postmortemDocSchema.safeParse(doc)
    if (!parsed.success)
      throw new DbError(
        'invalid',
        `The post-mortem was not saved: ${z.prettifyError(parsed.error)}`,
      )
    const { db } = this.deps
    try {
      await db.transaction('rw', db.postmortems, db.incidents, db.events, async () => {
        const incident = await db.incidents.get(incidentId)
        if (!incident) throw new DbError('not-found', 'This incident no longer exists.')
        await db.postmortems.put({ incidentId, doc, updatedAt: this.now() })
        if (incident.postmortemStatus === 'none')
          await this.incidents.record(incidentId, [
            { kind: 'postmortem-status', at: this.now(), payload: { status: 'draft' } },
          ])
      })
    } catch (error) {
      throw toDbError(error, 'write')
    }
  }

  setStatus(incidentId: string, status: 'draft' | 'final') {
    return this.incidents.record(incidentId, [
      { kind: 'postmortem-status', at: this.now(), payload: { status } },
    ])
  }

  /** "Take a break first": come back (and be reminded) at `until`. */
  scheduleBreak(incidentId: string, until: number) {
    if (!Number.isFinite(until) || until <= this.now())
      throw new DbError('invalid', 'The break must end in the future.')
    return this.incidents.record(incidentId, [
      { kind: 'break-scheduled', at: this.now(), payload: { until } },
    ])
  }
}
