/**
 * Writes to action items. Each change is a field-level update made inside the event store's
 * transaction, on the item as read in that transaction, and lands on its incident's timeline with
 * the item's new state (so metrics can be derived from the events alone). Two edits of different
 * fields at once both survive.
 */
import { actionItemChanged } from '@shared/domain/commands'
import { newActionItem, withStatus } from '@shared/domain/action-items'
import { actionItemSchema, type ActionItem, type ActionItemStatus } from '@shared/domain/model'
import { z } from 'zod'
import { DbError } from './errors'
import { EventStore, type RepoDeps } from './event-store'
import { incidentActionItems } from './queries/incident'

export type ActionItemInput = Partial<
  Pick<ActionItem, 'type' | 'owner' | 'dueAt' | 'measure' | 'link'>
> & {
  title: string
}
const editableSchema = actionItemSchema.pick({
  title: true,
  type: true,
  owner: true,
  dueAt: true,
  measure: true,
  priority: true,
  link: true,
})
export type ActionItemChanges = Partial<z.infer<typeof editableSchema>>

export class ActionItemsRepo {
  private readonly store: EventStore

  constructor(deps: RepoDeps | EventStore) {
    this.store = deps instanceof EventStore ? deps : new EventStore(deps)
  }

  forIncident(incidentId: string): Promise<ActionItem[]> {
    return incidentActionItems(this.store.db, incidentId)
  }

  create(incidentId: string, input: ActionItemInput): Promise<ActionItem> {
    const { db } = this.store
    return this.store.transaction([db.actionItems], async () => {
      const incident = await db.incidents.get(incidentId)
      if (!incident) throw new DbError('not-found', 'This incident no longer exists.')
      const ctx = this.store.ctx()
      const item = newActionItem(input, incident, { id: ctx.newId(), now: ctx.now })
      await db.actionItems.add(item)
      await this.store.append(incidentId, [actionItemChanged(item, 'created', ctx)])
      return item
    })
  }

  edit(id: string, changes: ActionItemChanges): Promise<ActionItem> {
    const parsed = editableSchema.partial().safeParse(changes)
    if (!parsed.success)
      throw new DbError('invalid', `This change was not saved: ${z.prettifyError(parsed.error)}`)
    return this.change(id, (item, now) => ({ ...parsed.data, updatedAt: now }), 'edited')
  }

  setStatus(id: string, status: ActionItemStatus): Promise<ActionItem> {
    return this.change(
      id,
      (item, now) => {
        if (item.status === status) return null
        const { doneAt, verifiedAt } = withStatus(item, status, now)
        return { status, doneAt, verifiedAt, updatedAt: now }
      },
      status === 'open' ? 'reopened' : status,
    )
  }

  remove(id: string): Promise<void> {
    const { db } = this.store
    return this.store.transaction([db.actionItems], async () => {
      const item = await this.require(id)
      await db.actionItems.delete(id)
      await this.store.append(item.incidentId, [
        actionItemChanged(item, 'deleted', this.store.ctx()),
      ])
    })
  }

  /**
   * Reads the item, updates only the fields `patch` returns, and records the new state, all in one
   * transaction: nothing read here can be stale by the time it is written.
   */
  private change(
    id: string,
    patch: (item: ActionItem, now: number) => Partial<ActionItem> | null,
    change: 'edited' | 'done' | 'verified' | 'reopened',
  ): Promise<ActionItem> {
    const { db } = this.store
    return this.store.transaction([db.actionItems], async () => {
      const item = await this.require(id)
      const ctx = this.store.ctx()
      const fields = patch(item, ctx.now)
      if (!fields) return item
      const next = { ...item, ...fields }
      await db.actionItems.update(id, fields)
      await this.store.append(item.incidentId, [actionItemChanged(next, change, ctx)])
      return next
    })
  }

  private async require(id: string): Promise<ActionItem> {
    const item = await this.store.db.actionItems.get(id)
    if (!item) throw new DbError('not-found', 'This action item no longer exists.')
    return item
  }
}
