import { INCIDENT_KINDS, PHASES, SEVERITIES, type Phase } from '@shared/domain/model'
import type { ListRow } from '@shared/domain/summary'
import { PHASE_LABELS } from '@shared/domain/timeline'
import { INCIDENT_KIND_LABELS, plural } from '@shared/domain/vocabulary'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { formatDate, formatDuration, fromLocalInput, shownDay } from '../../components/format'
import { FilterDate, FilterSelect } from '../../components/FilterSelect'
import { UiNotice } from '../../components/UiNotice'
import { SeverityBadge } from '../../components/SeverityBadge'
import { useNow } from '../../components/use-now'
import { useListRows } from '../../db/hooks'
import { db, incidentsRepo } from '../../db/instance'
import { useUi, type SavedFilter } from '../../stores/ui-store'
import { displayTitle } from '../phase/labels'
import { newIncident } from '../incident/new-incident'
import { FIRST_PAGE, forgetPrimedHomePage, primedHomePage, readHomePage } from './home-query'
import { useFirstFrameSaver } from './use-first-frame'
import { appSearch } from './app-search'
import type { Hits } from './search-client'
import { homeList, homeRowOf } from './home-order'
import { kept, useFilterChoices, useNarrowed } from './narrow'
import { NO_FILTER, filterTest, isFiltered, type ListFilter } from '@shared/domain/list-filter'

const NEXT_STEP: Record<Phase, string> = {
  capture: 'Capture what you see',
  triage: 'Classify severity and scope',
  mitigate: 'Stop the bleeding',
  diagnose: 'Find the root cause',
  fix: 'Deploy the real fix',
  postmortem: 'Write the post-mortem',
  prevention: 'Finish the action items',
}

const SEARCH_INPUT_ID = 'incident-search'

const takeFocusIfRequested = (input: HTMLInputElement | null): void => {
  if (input && useUi.getState().searchRequested) {
    input.focus()
    useUi.setState({ searchRequested: false })
  }
}

/** The list, opened with a saved filter's search and filters when `saved` names one. */
export function IncidentsHome({ saved }: { saved?: string } = {}) {
  const savedFilter = useUi((s) => s.savedFilters.find((f) => f.id === saved))
  const firstPage = useLiveQuery(() => readHomePage(db, FIRST_PAGE), [], primedHomePage())
  useEffect(() => forgetPrimedHomePage, [])
  // Everything else (for scrolling, filters and search) is read once the first rows are up: each
  // incident's summary, not its whole record.
  const all = useListRows(firstPage !== undefined)
  // The first page is live; the whole list catches up a moment after changes stop.
  // Incidents in the trash are in no list, from the moment they are deleted.
  const sorted = useMemo(() => homeList(all, firstPage), [all, firstPage])
  const incidents = all || firstPage ? sorted : undefined
  const [query, setQuery] = useState(savedFilter?.query ?? '')
  const [filter, setFilter] = useState<ListFilter>(savedFilter?.filter ?? NO_FILTER)
  const set =
    <K extends keyof ListFilter>(key: K) =>
    (value: ListFilter[K]) =>
      setFilter((f) => ({ ...f, [key]: value }))
  const choices = useFilterChoices(sorted)
  const deferredQuery = useDeferredValue(query)
  // The full-text index follows the database (in its worker); `indexed` counts finished syncs.
  const search = appSearch()
  const [indexed, setIndexed] = useState(0)
  // Once every incident has been read (not during start-up, which it would slow on two cores).
  useEffect(() => {
    if (!all) return
    let live = true
    const start = performance.now()
    void search.sync().then(() => {
      // For the benchmark: how long the index took to catch up with the list.
      performance.measure('steady:search-index', { start })
      if (live) setIndexed((n) => n + 1)
    })
    return () => {
      live = false
    }
  }, [all, search])
  // The worker's answer to the query being shown (a previous answer stays until it comes).
  const [hits, setHits] = useState<Hits & { query: string }>({
    query: '',
    ids: [],
    behind: 0,
    headlineBefore: null,
  })
  // Spaces around the words ask nothing new (a space typed after a word sent it again).
  const asked = deferredQuery.trim()
  useEffect(() => {
    let live = true
    if (asked)
      void search
        .search(asked, (best) => {
          if (live) setHits({ ...best, query: asked })
        })
        .then((found) => {
          if (live && found) setHits({ ...found, query: asked })
        })
    return () => {
      live = false
    }
  }, [asked, search, indexed])
  // The query the rows answer: the worker's answer to what was typed comes a moment later (a
  // tenth of a second at 100,000 incidents), and until then the last answer stays. Nothing
  // matching is said only of an answer from an index that has every incident.
  const answered = asked ? hits.query : ''
  const searching = Boolean(asked)
  const rowOf = useMemo(
    () => (searching ? homeRowOf(all, firstPage) : null),
    [searching, all, firstPage],
  )
  const test = useMemo(() => (isFiltered(filter) ? filterTest(filter) : null), [filter])
  // Without a search, the filter's first rows show at once and the rest a moment later.
  const keep = useMemo(() => (test && !rowOf ? kept(test) : null), [test, rowOf])
  const narrowed = useNarrowed(rowOf ? NO_ROWS : sorted, keep)
  // With one, the best matches are found among the summaries first (best first: a title before
  // a note), the rest a moment later: tens of thousands of ids take 25-50 ms to look up.
  const find = useMemo(
    () => (id: string) => {
      const incident = rowOf?.(id)
      return incident && (!test || test(incident)) ? incident : undefined
    },
    [rowOf, test],
  )
  const matches = useNarrowed(rowOf ? hits.ids : NO_IDS, find)
  const { rows, complete } = rowOf ? matches : narrowed
  const filtered = Boolean(query) || isFiltered(filter)
  useFirstFrameSaver(!filtered && incidents !== undefined)
  return (
    <section className="page page-wide" aria-labelledby="incidents-title">
      <div className="page-head">
        <h1 id="incidents-title">
          Incidents{savedFilter && <span className="muted">: {savedFilter.name}</span>}
        </h1>
        <NewIncidentButton />
      </div>
      <TrashedNotice />
      <UiNotice className="info" />
      {incidents && incidents.length > 0 && (
        <div className="filters" role="search">
          <label className="visually-hidden" htmlFor={SEARCH_INPUT_ID}>
            Search incidents
          </label>
          <input
            id={SEARCH_INPUT_ID}
            ref={takeFocusIfRequested}
            type="search"
            className="input search"
            placeholder="Search everything written down  ( / )"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <FilterSelect
            label="Phase"
            all="All phases"
            value={filter.phase}
            options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
            onChange={set('phase')}
          />
          <FilterSelect
            label="Severity"
            all="All severities"
            value={filter.severity}
            options={SEVERITIES.map((s) => ({ value: s, label: s }))}
            onChange={set('severity')}
          />
          <FilterSelect
            label="Status"
            all="Any status"
            value={filter.status}
            options={[
              { value: 'open' as const, label: 'Open' },
              { value: 'resolved' as const, label: 'Resolved' },
              { value: 'closed' as const, label: 'Closed' },
            ]}
            onChange={set('status')}
          />
          <FilterSelect
            label="Kind"
            all="Every kind"
            value={filter.kind}
            options={INCIDENT_KINDS.map((k) => ({ value: k, label: INCIDENT_KIND_LABELS[k] }))}
            onChange={set('kind')}
          />
          {choices.services.length > 0 && (
            <FilterSelect
              label="Service"
              all="Any service"
              value={filter.service}
              options={choices.services.map((s) => ({ value: s, label: s }))}
              onChange={set('service')}
            />
          )}
          {choices.tags.length > 0 && (
            <FilterSelect
              label="Tag"
              all="Any tag"
              value={filter.tag}
              options={choices.tags.map((t) => ({ value: t, label: t }))}
              onChange={set('tag')}
            />
          )}
          <FilterDate
            label="Started since"
            value={filter.since === null ? '' : shownDay(filter.since)}
            onChange={(day) => set('since')(day ? fromLocalInput(`${day}T00:00`) : null)}
          />
          <SaveFilter saved={savedFilter} query={query} filter={filter} />
        </div>
      )}
      {incidents && incidents.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">No incidents. Calm waters.</p>
          <p className="muted">
            When something breaks, press <kbd>N</kbd> for a new incident and Steady walks you
            through it, one step at a time.
          </p>
        </div>
      )}
      {asked && hits.behind > 0 && (
        <p className="muted" role="status">
          Still adding {plural(hits.behind, 'incident')} to search: some may be missing for a
          moment.
        </p>
      )}
      {asked && hits.headlineBefore !== null && (
        <p className="muted">
          Incidents not changed since {formatDate(hits.headlineBefore)} are searched by title,
          symptoms, errors and causes only.
        </p>
      )}
      {incidents && incidents.length > 0 && rows.length === 0 && (
        <p className="muted empty-filter" data-query={answered}>
          {filtered &&
            (!all
              ? 'Reading all incidents…'
              : !complete || (asked && (answered !== asked || hits.behind > 0 || hits.partial))
                ? 'Searching…'
                : 'No incident matches these filters.')}
        </p>
      )}
      {rows.length > 0 && (
        <IncidentList
          rows={rows}
          query={answered}
          complete={!!all && complete && !(asked && hits.partial)}
        />
      )}
    </section>
  )
}

const NO_ROWS: ListRow[] = []
const NO_IDS: string[] = []

/**
 * "Save filter…": names the search and filters shown, for the sidebar. On a saved filter: save
 * changes to it, or delete it.
 */
function SaveFilter(props: { saved: SavedFilter | undefined; query: string; filter: ListFilter }) {
  const { saved, query, filter } = props
  const saveFilter = useUi((s) => s.saveFilter)
  const deleteFilter = useUi((s) => s.deleteFilter)
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const changed =
    saved && (saved.query !== query || JSON.stringify(saved.filter) !== JSON.stringify(filter))
  if (naming)
    return (
      <form
        className="save-filter"
        onSubmit={(e) => {
          e.preventDefault()
          if (!name.trim()) return
          saveFilter({
            id: `f${Date.now().toString(36)}`,
            name: name.trim().slice(0, 60),
            query,
            filter,
          })
          setNaming(false)
        }}
      >
        <label className="visually-hidden" htmlFor="filter-name">
          Name for this filter
        </label>
        <input
          id="filter-name"
          className="input"
          autoFocus
          maxLength={60}
          placeholder="Name, e.g. Open checkout SEV1"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setNaming(false)}
        />
        <button type="submit" className="button">
          Save filter
        </button>
      </form>
    )
  return (
    <span className="save-filter">
      {saved ? (
        <>
          {changed && (
            <button
              type="button"
              className="link-button"
              onClick={() => saveFilter({ ...saved, query, filter })}
            >
              Save changes to “{saved.name}”
            </button>
          )}
          <button type="button" className="link-button" onClick={() => deleteFilter(saved.id)}>
            Delete saved filter
          </button>
        </>
      ) : (
        (query.trim() || isFiltered(filter)) && (
          <button type="button" className="link-button" onClick={() => setNaming(true)}>
            Save filter…
          </button>
        )
      )}
    </span>
  )
}

/** "Moved to the trash. Undo": right after an incident was deleted. */
function TrashedNotice() {
  const trashed = useUi((s) => s.trashed)
  const setTrashed = useUi((s) => s.setTrashed)
  if (!trashed) return null
  return (
    <p className="info trashed-notice" role="status">
      Moved “{trashed.title}” to the trash. It is kept for 30 days (Settings → Trash).{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => void incidentsRepo.restore(trashed.id).then(() => setTrashed(null))}
      >
        Undo
      </button>
    </p>
  )
}

function NewIncidentButton() {
  return (
    <button
      type="button"
      className="button primary"
      title="New incident (N)"
      aria-keyshortcuts="N"
      onClick={() => void newIncident()}
    >
      New incident <kbd className="button-kbd">N</kbd>
    </button>
  )
}

const ROW_HEIGHT = 64

/**
 * Virtualised: only the rows on screen are rendered, so thousands of incidents stay fast. `query`
 * is the search the rows answer (the benchmark waits for it: not the one typed, which the search
 * worker answers a moment later); the list is busy until `complete`.
 */
function IncidentList(props: { rows: readonly ListRow[]; query: string; complete: boolean }) {
  const { rows, query } = props
  const parentRef = useRef<HTMLDivElement>(null)
  const navigate = useUi((s) => s.navigate)
  const now = useNow(30_000)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  })
  return (
    <div ref={parentRef} className="incident-list-scroll">
      <ul
        className="incident-list"
        aria-label="Incidents"
        aria-busy={!props.complete || undefined}
        data-query={query}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const incident = rows[item.index] as ListRow
          const active = incident.status === 'active'
          return (
            <li
              key={incident.id}
              className="incident-row-item"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <button
                type="button"
                className="incident-row"
                data-id={incident.id}
                onClick={() => navigate({ screen: 'incident', id: incident.id })}
              >
                <SeverityBadge severity={incident.severity} />
                <span className="incident-row-main">
                  <span className="incident-row-title">
                    {displayTitle(incident)}
                    {incident.kind && incident.kind !== 'incident' && (
                      <span className="kind-tag">{INCIDENT_KIND_LABELS[incident.kind]}</span>
                    )}
                  </span>
                  <span className="incident-row-sub muted">
                    {active
                      ? `${PHASE_LABELS[incident.phase]} · Next: ${NEXT_STEP[incident.phase]}`
                      : `${incident.status === 'closed' ? 'Closed' : 'Resolved'} · ${PHASE_LABELS[incident.phase]}`}
                  </span>
                </span>
                <span className="incident-row-time muted">
                  {/* Age while it runs, duration once over; the start date with its year. */}
                  {active
                    ? `open ${formatDuration(now - incident.startedAt)}`
                    : `${formatDate(incident.startedAt, now)} · lasted ${formatDuration(
                        (incident.resolvedAt ?? incident.updatedAt) - incident.startedAt,
                      )}`}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
