import {
  ACTION_ITEM_COLUMNS,
  ACTION_ITEM_STATUS_LABELS,
  ACTION_ITEM_TYPE_LABELS,
} from '@shared/domain/action-items'
import { formatDate } from '../../components/format'
import { useActionItems } from '../../db/hooks'

/** The action items as the post-mortem shows (and exports) them: a plain, live table. */
export function ActionItemsSummary({ incidentId }: { incidentId: string }) {
  const items = useActionItems(incidentId)
  if (!items) return null
  if (!items.length)
    return <p className="muted">No action items yet. Add them below the document.</p>
  return (
    <table className="summary-table">
      <thead>
        <tr>
          {ACTION_ITEM_COLUMNS.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>{item.title}</td>
            <td>{ACTION_ITEM_TYPE_LABELS[item.type]}</td>
            <td>{item.priority ?? ''}</td>
            <td>{item.owner}</td>
            <td className="nowrap">{item.dueAt === null ? '' : formatDate(item.dueAt)}</td>
            <td>{item.measure}</td>
            <td>{ACTION_ITEM_STATUS_LABELS[item.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
