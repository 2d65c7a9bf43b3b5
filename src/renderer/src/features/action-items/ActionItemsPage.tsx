import type { Incident } from '@shared/domain/model'
import { useLiveQuery } from 'dexie-react-hooks'
import { formatDate } from '../../components/format'
import { useNow } from '../../components/use-now'
import { useOutstandingActionItems } from '../../db/hooks'
import { db } from '../../db/instance'
import { useUi } from '../../stores/ui-store'
import { displayTitle } from '../phase/labels'

/** Every open action item across incidents, soonest due first, overdue ones marked. */
export function ActionItemsPage() {
  const items = useOutstandingActionItems()
  const navigate = useUi((s) => s.navigate)
  const now = useNow(60_000)
  const ids = [...new Set(items?.map((i) => i.incidentId) ?? [])]
  const incidents = useLiveQuery(
    async () =>
      new Map(
        (await db.incidents.bulkGet(ids))
          .filter((i): i is Incident => i !== undefined)
          .map((i) => [i.id, i]),
      ),
    [ids.join(',')],
  )
  return (
    <section className="page page-wide" aria-labelledby="action-items-title">
      <h1 id="action-items-title">Action items</h1>
      {items && items.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">Nothing outstanding.</p>
          <p className="muted">
            Action items from your post-mortems show here until they are done and verified.
          </p>
        </div>
      )}
      {items && items.length > 0 && (
        <table className="items-table overview">
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Action item</th>
              <th scope="col">Incident</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              // Items of an incident in the trash wait there with it.
              if (incidents?.get(item.incidentId)?.status === 'deleted') return null
              const overdue = item.status === 'open' && item.dueAt !== null && item.dueAt < now
              const incident = incidents?.get(item.incidentId)
              return (
                <tr key={item.id} data-overdue={overdue || undefined}>
                  <td className="nowrap">
                    {item.dueAt === null ? '—' : formatDate(item.dueAt, now)}
                    {overdue && <span className="overdue-tag">Overdue</span>}
                  </td>
                  <td>{item.title}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => navigate({ screen: 'incident', id: item.incidentId })}
                    >
                      {incident ? displayTitle(incident) : 'Open incident'}
                    </button>
                  </td>
                  <td>{item.status === 'done' ? 'Done — verify it' : 'Open'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
