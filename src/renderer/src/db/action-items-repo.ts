/**
 * Writes to action items. Each change also lands on its incident's timeline, in the same
 * transaction, with the item's new state (so metrics can be derived from the events alone).
 */
import { newActionItem, withStatus } from '@shared/domain/action-items'
import { actionItemSchema, type ActionItem, type ActionItemStatus } from '@shared/domain/model'
import { z } from 'zod'
import { DbError, toDbError } from './errors'
import { IncidentsRepo, type RepoDeps } from './incidents-repo'

type Change = 'created' | 'edited' | 'done' | 'verified' | 'reopened' | 'deleted'
export type ActionItemInput = Partial<Pick<ActionItem, 'type' | 'owner' | 'dueAt' | 'measure'>> & {
  title: string
}
const editableSchema = actionItemSchema.pick({
  title: true,
  type: true,
  owner: true,
  dueAt: true,
  measure: true,
})

export class ActionItemsRepo {
  private readonly incidents: IncidentsRepo
  private readonly now: () => number
  private readonly newId: () => string

  constructor(private readonly deps: RepoDeps) {
    this.incidents = new IncidentsRepo(deps)
    this.now = deps.now ?? Date.now
    this.newId = deps.newId ?? (() => crypto.randomUUID())
  }

  forIncident(incidentId: string): Promise<ActionItem[]> {
    return this.deps.db.actionItems.where('incidentId').equals(incidentId).sortBy('createdAt')
  }

  async create(incidentId: string, input: ActionItemInput): Promise<ActionItem> {
    const incident = await this.incidents.get(incidentId)
    if (!incident) throw new DbError('not-found', 'This incident no longer exists.')
    const item = newActionItem(input, incident, { id: this.newId(), now: this.now() })
    return this.write(item, 'created')
  }

  async edit(id: string, changes: Partial<z.infer<typeof editableSchema>>): Promise<ActionItem> {
    const parsed = editableSchema.partial().safeParse(changes)
    if (!parsed.success)
      throw new DbError('invalid', `This change was not saved: ${z.prettifyError(parsed.error)}`)
    const item = await this.require(id)
    return this.write({ ...item, ...parsed.data, updatedAt: this.now() }, 'edited')
  }

  async setStatus(id: string, status: ActionItemStatus): Promise<ActionItem> {
    const item = await this.require(id)
    if (item.status === status) return item
    const change: Change = status === 'open' ? 'reopened' : status
    return this.write(withStatus(item, status, this.now()), change)
  }

  async remove(id: string): Promise<void> {
    const item = await this.require(id)
    await this.write(item, 'deleted')
  }

  private async write(item: ActionItem, change: Change): Promise<ActionItem> {
    const { db } = this.deps
    try {
      await db.transaction('rw', db.actionItems, db.incidents, db.events, async () => {
        if (change === 'deleted') await db.actionItems.delete(item.id)
        else await db.actionItems.put(item)
        await this.incidents.record(item.incidentId, [
          { kind: 'action-item-changed', at: this.now(), payload: { change, item } },
        ])
      })
      return item
    } catch (error) {
      throw toDbError(error, 'write')
    }
  }

  private async require(id: string): Promise<ActionItem> {
    const item = await this.deps.db.actionItems.get(id)
    if (!item) throw new DbError('not-found', 'This action item no longer exists.')
    return item
  }
}
