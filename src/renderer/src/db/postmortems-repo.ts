/**
 * Post-mortem documents. Saving the document is not an incident event (it would flood the
 * timeline while typing); starting it, finalising it and scheduling the break before it are.
 */
import { scheduleBreak, setPostmortemRoles, setPostmortemStatus } from '@shared/domain/commands'
import { postmortemDocSchema, type PostmortemDoc } from '@shared/domain/postmortem'
import { z } from 'zod'
import type { PostmortemRow } from './database'
import { DbError } from './errors'
import { EventStore, type RepoDeps } from './event-store'

export class PostmortemsRepo {
  private readonly store: EventStore

  constructor(deps: RepoDeps | EventStore) {
    this.store = deps instanceof EventStore ? deps : new EventStore(deps)
  }

  get(incidentId: string): Promise<PostmortemRow | undefined> {
    return this.store.db.postmortems.get(incidentId)
  }

  /** Saves the document; the first save also marks the post-mortem as a draft on the timeline. */
  async save(incidentId: string, doc: PostmortemDoc): Promise<void> {
    const parsed = postmortemDocSchema.safeParse(doc)
    if (!parsed.success)
      throw new DbError(
        'invalid',
        `The post-mortem was not saved: ${z.prettifyError(parsed.error)}`,
      )
    const { db } = this.store
    await this.store.transaction([db.postmortems], async () => {
      await db.postmortems.put({ incidentId, doc, updatedAt: this.store.now() })
      await this.store.append(incidentId, (incident, ctx) =>
        incident.postmortemStatus === 'none' ? setPostmortemStatus(incident, 'draft', ctx) : [],
      )
    })
  }

  /** See setPostmortemStatus: final keeps `snapshot`; going on despite `gaps` needs `override`. */
  setStatus(
    incidentId: string,
    status: 'draft' | 'review' | 'final',
    extra: Parameters<typeof setPostmortemStatus>[3] = {},
  ) {
    return this.store.append(incidentId, (incident, ctx) =>
      setPostmortemStatus(incident, status, ctx, extra),
    )
  }

  setRoles(incidentId: string, roles: { owner: string; facilitator: string }) {
    return this.store.append(incidentId, (incident, ctx) =>
      setPostmortemRoles(incident, roles, ctx),
    )
  }

  /** "Take a break first": come back (and be reminded) at `until`. */
  scheduleBreak(incidentId: string, until: number) {
    return this.store.append(incidentId, (incident, ctx) => scheduleBreak(incident, until, ctx))
  }
}
