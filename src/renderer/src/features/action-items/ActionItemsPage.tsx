import { OVERVIEW_COLUMNS } from '@shared/domain/action-items'
import { plural } from '@shared/domain/vocabulary'
import type { ActionItem } from '@shared/domain/model'
import { listRow } from '@shared/domain/summary'
import { useLiveQuery } from 'dexie-react-hooks'
import { useDeferredValue, useId, useMemo, useState } from 'react'
import { ShowMore } from '../../components/ShowMore'
import { useNow } from '../../components/use-now'
import { pageOutstanding, settledCache, useListRows, useSettledRead } from '../../db/hooks'
import { db } from '../../db/instance'
import { soonestOutstanding } from '../../db/queries/incident'
import { summaryIn } from '../../db/summaries-reader'
import { useUi } from '../../stores/ui-store'
import { displayTitle } from '../phase/labels'
import { ItemRow } from './ActionItemsTable'
import { useTwoWeekTally } from './two-week'

type StatusFilter = 'outstanding' | 'open' | 'done'

/** Items shown at a time: years of outstanding items are not rendered at once. */
const PAGE = 25
/** Incidents offered by the incident filter. */
const INCIDENT_CHOICES = 200

/**
 * Outstanding items (not verified yet), soonest due first, through the `[status+dueAt]` index: a
 * long history's verified items are never read into the page. After a change only the items that
 * changed are read again, a moment later (not as a live query, which at 100,000 incidents, 23,000
 * outstanding items, spent a hundred milliseconds of the page noting each item it read).
 */
const loadItems = (wanted: () => boolean) => pageOutstanding.read(wanted)
const ITEM_READS = {
  tables: ['actionItems'],
  startMs: 0,
  quietMs: 100,
  cache: settledCache<ActionItem[]>(['actionItems']),
}

const NO_OWNER = '\u0000none'

/**
 * Every outstanding action item across incidents, soonest due first, edited in place (owner, due
 * date, priority, status), filtered by owner, status, overdue and incident; and how well the
 * two-week rule is kept, overall and per incident.
 */
export function ActionItemsPage() {
  const all = useSettledRead(loadItems, ITEM_READS)
  // The first page, read in a moment, shown until every item is read.
  const firstPage = useLiveQuery(
    async () => (all ? undefined : soonestOutstanding(db, PAGE)),
    [all === undefined],
  )
  // Rendered in slices the page can interrupt (editable rows are slow to build: fifty took 100 ms),
  // the first time too: the heading first, then the rows (showing 23,000 items read on a visit
  // before, with the owners and incidents they name, made one task of 100 ms of the page's start).
  const items = useDeferredValue(all ?? firstPage, undefined)
  const navigate = useUi((s) => s.navigate)
  const now = useNow(60_000)
  const summaries = useListRows(true, 0)
  const tally = useTwoWeekTally(summaries, now)
  // Titles and statuses from the summaries (which the list has usually read already); until
  // they are read, only the first page's incidents, one by one.
  const firstIds = useMemo(
    () => [...new Set(items?.slice(0, PAGE).map((i) => i.incidentId))],
    [items],
  )
  const some = useLiveQuery(
    async () =>
      summaries
        ? undefined
        : new Map(
            (await db.summaries.bulkGet(firstIds))
              .filter((i) => i !== undefined)
              .map((i) => [i.id, listRow(i)]),
          ),
    [summaries === undefined, firstIds.join(',')],
  )
  const incident = (id: string) => (summaries ? summaryIn(summaries, id) : some?.get(id))
  const [owner, setOwner] = useState('')
  const [status, setStatus] = useState<StatusFilter>('outstanding')
  const [overdueOnly, setOverdueOnly] = useState(false)
  const [incidentId, setIncidentId] = useState('')
  const [limit, setLimit] = useState(PAGE)
  const f = useId()

  // Items of an incident in the trash wait there with it. Worked out once per read, not at
  // each render (23,000 items at 100,000 incidents), from the few incidents in the trash.
  const trashed = useMemo(
    () =>
      new Set(
        (summaries ?? [...(some?.values() ?? [])])
          .filter((i) => i.status === 'deleted')
          .map((i) => i.id),
      ),
    [summaries, some],
  )
  const live = useMemo(
    () => items?.filter((item) => !trashed.has(item.incidentId)),
    [items, trashed],
  )
  const owners = useMemo(
    () => [...new Set((live ?? []).map((i) => i.owner.trim()).filter(Boolean))].sort(),
    [live],
  )
  // The incidents to filter by, soonest due first: a long history has thousands with items
  // outstanding, more than a list can offer (or render quickly); the one chosen is always there.
  const withItems = useMemo(() => [...new Set((live ?? []).map((i) => i.incidentId))], [live])
  const isOverdue = (item: ActionItem) =>
    item.status === 'open' && item.dueAt !== null && item.dueAt < now
  const shown = (live ?? []).filter(
    (item) =>
      (status === 'outstanding' || item.status === status) &&
      (!overdueOnly || isOverdue(item)) &&
      (!incidentId || item.incidentId === incidentId) &&
      (!owner || (owner === NO_OWNER ? !item.owner.trim() : item.owner.trim() === owner)),
  )
  const title = (id: string) => {
    const found = incident(id)
    return found ? displayTitle(found) : 'Open incident'
  }
  const choices = withItems.slice(0, INCIDENT_CHOICES)
  if (incidentId && !choices.includes(incidentId)) choices.push(incidentId)
  const moreChoices = withItems.length - choices.length
  const rule = tally?.overall ?? null
  const perIncident = tally?.perIncident ?? []

  return (
    <section className="page page-wide" aria-labelledby="action-items-title">
      <h1 id="action-items-title">Action items</h1>
      {rule && rule.counted > 0 && (
        <p className="two-week-rule">
          Done within two weeks: <strong>{rule.onTime}</strong> of {rule.counted} (
          {Math.round((rule.onTime / rule.counted) * 100)}%). Items not done within two weeks tend
          never to get done.
        </p>
      )}
      {all && all.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">Nothing outstanding.</p>
          <p className="muted">
            Action items from your post-mortems show here until they are done and verified.
          </p>
        </div>
      )}
      {items && items.length > 0 && (
        <>
          <div className="filters" role="group" aria-label="Filter action items">
            <label htmlFor={`${f}-owner`}>Owner</label>
            <select
              id={`${f}-owner`}
              className="input select"
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
            >
              <option value="">Anyone</option>
              <option value={NO_OWNER}>No owner yet</option>
              {owners.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
            <label htmlFor={`${f}-status`}>Status</label>
            <select
              id={`${f}-status`}
              className="input select"
              value={status}
              onChange={(e) => setStatus(e.target.value as StatusFilter)}
            >
              <option value="outstanding">Open or to verify</option>
              <option value="open">Open</option>
              <option value="done">Done, to verify</option>
            </select>
            <label htmlFor={`${f}-incident`}>Incident</label>
            <select
              id={`${f}-incident`}
              className="input select"
              value={incidentId}
              onChange={(e) => setIncidentId(e.target.value)}
            >
              <option value="">Any incident</option>
              {choices.map((id) => (
                <option key={id} value={id}>
                  {title(id)}
                </option>
              ))}
              {moreChoices > 0 && (
                <option disabled value="\u0000more">
                  … and {plural(moreChoices, 'other incident')} (open one to see its items)
                </option>
              )}
            </select>
            <label className="check">
              <input
                type="checkbox"
                checked={overdueOnly}
                onChange={(e) => setOverdueOnly(e.target.checked)}
              />
              Overdue only
            </label>
          </div>
          {shown.length === 0 ? (
            <p className="muted">No action item matches these filters.</p>
          ) : (
            <div className="table-scroll">
              <table className="items-table overview" aria-label="Outstanding action items">
                <colgroup>
                  <col />
                  <col className="col-priority" />
                  <col className="col-owner" />
                  <col className="col-due" />
                  <col className="col-status" />
                  <col className="col-incident" />
                  <col className="col-remove" />
                </colgroup>
                <thead>
                  <tr>
                    {OVERVIEW_COLUMNS.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                    <th scope="col">Incident</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.slice(0, limit).map((item) => (
                    <ItemRow
                      key={item.id}
                      item={item}
                      overdue={isOverdue(item)}
                      compact
                      incident={
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => navigate({ screen: 'incident', id: item.incidentId })}
                        >
                          {title(item.incidentId)}
                        </button>
                      }
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {all && (
            <ShowMore
              shown={limit}
              total={shown.length}
              page={PAGE}
              what="action items"
              onMore={() => setLimit((n) => n + PAGE)}
            />
          )}
        </>
      )}
      {perIncident.some((p) => p.counted > 0) && (
        <details className="two-week-details">
          <summary>The two-week rule, per incident</summary>
          <table className="summary-table">
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Items</th>
                <th scope="col">Done within two weeks</th>
              </tr>
            </thead>
            <tbody>
              {perIncident.map((p) => (
                <tr key={p.id}>
                  <td>{title(p.id)}</td>
                  <td>{p.total}</td>
                  <td>
                    {p.onTime} of {p.counted}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  )
}
