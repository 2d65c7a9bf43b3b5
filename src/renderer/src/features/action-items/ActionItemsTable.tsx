import { LIMITS } from '@shared/domain/model'
import { LimitedText } from '../../components/limited'
import {
  ACTION_ITEM_COLUMNS,
  ACTION_ITEM_STATUS_LABELS,
  ACTION_ITEM_TYPE_LABELS,
} from '@shared/domain/action-items'
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_TYPES,
  type ActionItem,
  type ActionItemPriority,
  type ActionItemStatus,
  type ActionItemType,
} from '@shared/domain/model'
import { choicesOf } from '@shared/domain/vocabulary'
import { Trash2 } from 'lucide-react'
import { useState } from 'react'
import { fromLocalInput, shownDay } from '../../components/format'
import { useNow } from '../../components/use-now'
import { useActionItems } from '../../db/hooks'
import { actionItemsRepo, itemAutosave } from '../../db/instance'
import { ErrorText } from '../../components/ErrorText'
import { usePlatform } from '../../platform/platform-context'
import { isAllowedLink } from '@shared/links'
import { TEAM_PEOPLE } from '../../sync/TeamPeople'

const STATUSES = choicesOf(ACTION_ITEM_STATUS_LABELS)

const toDateInput = (ms: number | null) => (ms === null ? '' : shownDay(ms))
/** The end of the chosen day, in the shown zone: "due on the 10th" means by that evening. */
const fromDateInput = (value: string): number | null =>
  value ? fromLocalInput(`${value}T23:59`) : null

/**
 * The action items of one incident, structured and edited in place. The post-mortem shows this
 * same table inside the document, and the prevention screen shows it too: one place to edit.
 */
export function ActionItemsTable({
  incidentId,
  rowsShown = true,
}: {
  incidentId: string
  /** False while a screen draws what is above first: the form alone. */
  rowsShown?: boolean
}) {
  const items = useActionItems(incidentId)
  const now = useNow(60_000)
  if (!items) return null
  return (
    <div className="action-items">
      {rowsShown && items.length > 0 && (
        <table className="items-table">
          <colgroup>
            <col className="col-title" />
            <col className="col-type" />
            <col className="col-priority" />
            <col className="col-owner" />
            <col className="col-due" />
            <col />
            <col className="col-status" />
            <col className="col-remove" />
          </colgroup>
          <thead>
            <tr>
              {ACTION_ITEM_COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <ItemRow
                key={item.id}
                item={item}
                overdue={item.status === 'open' && item.dueAt !== null && item.dueAt < now}
              />
            ))}
          </tbody>
        </table>
      )}
      <NewItemForm incidentId={incidentId} />
    </div>
  )
}

/** One item, edited in place; `incident` adds a cell naming its incident (the overview page). */
export function ItemRow({
  item,
  overdue,
  incident,
  compact = false,
}: {
  item: ActionItem
  overdue: boolean
  incident?: React.ReactNode
  /** Without type and "Done when" (the overview page; both are edited on the incident). */
  compact?: boolean
}) {
  const pending = itemAutosave.pendingFor(item.id)
  const [title, setTitle] = useState(pending?.title ?? item.title)
  const [owner, setOwner] = useState(pending?.owner ?? item.owner)
  const [measure, setMeasure] = useState(pending?.measure ?? item.measure)
  const type = (change: Partial<ActionItem>) => itemAutosave.set(item.id, change)
  const flush = () => void itemAutosave.flush(item.id)
  const label = item.title || 'untitled item'
  return (
    <tr
      data-status={item.status}
      data-overdue={overdue || undefined}
      data-field={`action-item:${item.id}`}
    >
      <td>
        <LimitedText
          className="cell-input"
          aria-label="Action item"
          value={title}
          max={LIMITS.itemTitle}
          onValue={(value) => {
            setTitle(value)
            type({ title: value })
          }}
          onBlur={flush}
        />
        <ItemLink item={item} label={label} editable={!compact} />
      </td>
      {!compact && (
        <td>
          <select
            className="cell-input"
            aria-label={`Type of ${label}`}
            value={item.type}
            onChange={(e) =>
              void actionItemsRepo.edit(item.id, { type: e.target.value as ActionItemType })
            }
          >
            {ACTION_ITEM_TYPES.map((t) => (
              <option key={t} value={t}>
                {ACTION_ITEM_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </td>
      )}
      <td>
        <select
          className="cell-input"
          aria-label={`Priority of ${label}`}
          value={item.priority ?? ''}
          onChange={(e) =>
            void actionItemsRepo.edit(item.id, {
              priority: (e.target.value || null) as ActionItemPriority | null,
            })
          }
        >
          <option value="">—</option>
          {ACTION_ITEM_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </td>
      <td>
        <LimitedText
          className="cell-input"
          aria-label={`Owner of ${label}`}
          list={TEAM_PEOPLE}
          value={owner}
          max={LIMITS.owner}
          onValue={(value) => {
            setOwner(value)
            type({ owner: value })
          }}
          onBlur={flush}
        />
      </td>
      <td>
        <input
          type="date"
          className="cell-input"
          aria-label={`Due date of ${label}`}
          value={toDateInput(item.dueAt)}
          onChange={(e) =>
            void actionItemsRepo.edit(item.id, { dueAt: fromDateInput(e.target.value) })
          }
        />
        {overdue && <span className="overdue-tag">Overdue</span>}
      </td>
      {!compact && (
        <td>
          <LimitedText
            className="cell-input"
            aria-label={`Done when, for ${label}`}
            value={measure}
            max={LIMITS.shortNote}
            onValue={(value) => {
              setMeasure(value)
              type({ measure: value })
            }}
            onBlur={flush}
          />
        </td>
      )}
      <td>
        <select
          className="cell-input"
          aria-label={`Status of ${label}`}
          value={item.status}
          onChange={(e) =>
            void actionItemsRepo.setStatus(item.id, e.target.value as ActionItemStatus)
          }
        >
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </td>
      {incident !== undefined && <td>{incident}</td>}
      <td>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove ${label}`}
          title="Remove"
          onClick={() => void actionItemsRepo.remove(item.id)}
        >
          <Trash2 size={15} aria-hidden="true" />
        </button>
      </td>
    </tr>
  )
}

function NewItemForm({ incidentId }: { incidentId: string }) {
  const [title, setTitle] = useState('')
  const [type, setType] = useState<ActionItemType>('prevent')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="new-item"
      data-field="action-item:new"
      aria-label="Add an action item"
      onSubmit={(e) => {
        e.preventDefault()
        if (!title.trim()) return
        actionItemsRepo.create(incidentId, { title: title.trim(), type }).then(
          () => {
            setTitle('')
            setError(null)
          },
          (err: Error) => setError(`${err.message} What you typed is still here.`),
        )
      }}
    >
      <label htmlFor={`new-item-${incidentId}`} className="visually-hidden">
        New action item
      </label>
      <LimitedText
        id={`new-item-${incidentId}`}
        className="input new-item-title"
        placeholder="New action item: specific, assignable, measurable"
        value={title}
        max={LIMITS.itemTitle}
        onValue={setTitle}
      />
      <label htmlFor={`new-item-type-${incidentId}`} className="visually-hidden">
        Type of the new action item
      </label>
      <select
        id={`new-item-type-${incidentId}`}
        className="input select"
        value={type}
        onChange={(e) => setType(e.target.value as ActionItemType)}
      >
        {ACTION_ITEM_TYPES.map((t) => (
          <option key={t} value={t}>
            {ACTION_ITEM_TYPE_LABELS[t]}
          </option>
        ))}
      </select>
      <button type="submit" className="button secondary" disabled={!title.trim()}>
        Add action item
      </button>
      <ErrorText message={error} />
    </form>
  )
}

/**
 * A ticket or doc for the item: typed on the incident, opened (through the link allowlist) from
 * anywhere. A link the allowlist refuses is not saved, and says why.
 */
function ItemLink({
  item,
  label,
  editable,
}: {
  item: ActionItem
  label: string
  editable: boolean
}) {
  const platform = usePlatform()
  const [value, setValue] = useState(item.link ?? '')
  const [error, setError] = useState<string | null>(null)
  const saved = item.link ?? ''
  const open = saved && isAllowedLink(saved) && (
    <button
      type="button"
      className="link-button small"
      onClick={() => void platform.openExternal(saved)}
    >
      Open link
    </button>
  )
  if (!editable) return open || null
  return (
    <div className="item-link">
      <input
        type="url"
        className="cell-input small"
        aria-label={`Link for ${label}`}
        placeholder="Ticket or doc link (optional)"
        value={value}
        maxLength={2000}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => {
          const link = value.trim()
          if (link === saved) return setError(null)
          if (link && !isAllowedLink(link))
            return setError('Only http, https and mailto links to other computers. Not saved.')
          setError(null)
          void actionItemsRepo.edit(item.id, { link })
        }}
      />
      {open}
      <ErrorText message={error} />
    </div>
  )
}
