import {
  DURATIONS,
  FEW,
  practiceNote,
  type DurationKey,
  type MetricsView,
  SEVERITY_GROUPS,
} from '@shared/domain/metrics'
import { SEVERITIES, type IncidentKind, type Severity } from '@shared/domain/model'
import { formatAge } from '@shared/domain/time'
import { plural } from '@shared/domain/vocabulary'
import { PERIODS, periodOf, type Period, type PeriodKind } from '@shared/domain/periods'
import { useCallback, useId, useMemo, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { FilterDate, FilterSelect } from '../../components/FilterSelect'
import { formatDate, formatDuration, shownZone, useShownZone } from '../../components/format'
import { useNow } from '../../components/use-now'
import { useSettings } from '../../db/hooks'
import { usePlatform } from '../../platform/platform-context'
import { useUi } from '../../stores/ui-store'
import { Chart, chartsDrawn } from './Chart'
import { durationChart, incidentsChart, tallyChart } from './charts'
import type { MetricsRequest } from './metrics-service'
import { reportName } from './report-draft'
import { exportReport } from './report-export'
import { metricsClient, useMetricsView } from './use-metrics'
import { measured } from '../../platform/perf'

const percent = (part: number, whole: number) =>
  whole ? `${Math.round((part / whole) * 100)}%` : '—'

/**
 * How the team has been doing over a period: incidents per week or month, durations as
 * distributions, post-mortems on time, action items done, what keeps coming up; exported as a
 * review report. Drills and near misses stay out unless asked for.
 */
export default function MetricsPage() {
  const settings = useSettings()
  const zone = useShownZone()
  const now = useNow(60_000)
  const kind = useUi((s) => s.metricsPeriod)
  const setKind = useUi((s) => s.setMetricsPeriod)
  const [days, setDays] = useState({ from: '', to: '' })
  const [severity, setSeverity] = useState<Severity | ''>('')
  const [service, setService] = useState('')
  const [practice, setPractice] = useState({ drills: false, nearMisses: false })
  const f = useId()
  const period = periodOf(kind, { now, zone, fromDay: days.from, toDay: days.to })
  const request = useMemo((): MetricsRequest | undefined => {
    if (!settings) return undefined
    const kinds: IncidentKind[] = ['incident']
    if (practice.drills) kinds.push('drill')
    if (practice.nearMisses) kinds.push('near-miss')
    const scope = { from: period.from, to: period.to, kinds, severity: severity || null, service }
    return { scope, now, zone, settings }
  }, [settings, period.from, period.to, practice, severity, service, now, zone])
  const { view: metrics, current, error } = useMetricsView(request)
  const services = metrics?.allServices ?? []

  return (
    <section className="page page-wide metrics" aria-labelledby="metrics-title">
      <div className="page-head">
        <h1 id="metrics-title">Metrics</h1>
        {request && <ReportButton request={request} period={period} />}
      </div>
      <div className="filters" role="group" aria-label="What to measure">
        <label className="visually-hidden" htmlFor={`${f}-period`}>
          Period
        </label>
        <select
          id={`${f}-period`}
          className="input select"
          value={kind}
          onChange={(e) => setKind(e.target.value as PeriodKind)}
        >
          {Object.entries(PERIODS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {kind === 'custom' && (
          <>
            <FilterDate
              label="From"
              value={days.from}
              onChange={(from) => setDays((d) => ({ ...d, from }))}
            />
            <FilterDate
              label="to"
              value={days.to}
              onChange={(to) => setDays((d) => ({ ...d, to }))}
            />
          </>
        )}
        <FilterSelect
          label="Severity"
          all="All severities"
          value={severity}
          options={SEVERITIES.map((s) => ({ value: s, label: s }))}
          onChange={setSeverity}
        />
        {services.length > 0 && (
          <FilterSelect
            label="Service"
            all="Any service"
            value={service}
            options={services.map((s) => ({ value: s, label: s }))}
            onChange={setService}
          />
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={practice.drills}
            onChange={(e) => setPractice((p) => ({ ...p, drills: e.target.checked }))}
          />
          Count drills
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={practice.nearMisses}
            onChange={(e) => setPractice((p) => ({ ...p, nearMisses: e.target.checked }))}
          />
          Count near misses
        </label>
      </div>
      <ErrorText message={error ? `Couldn't compute the metrics: ${error}` : null} />
      {!metrics ? (
        !error && (
          <p className="muted" role="status">
            Reading every incident…
          </p>
        )
      ) : (
        <div aria-busy={!current}>
          <MetricsBody metrics={metrics} period={period} now={now} />
        </div>
      )}
    </section>
  )
}

function ReportButton({ request, period }: { request: MetricsRequest; period: Period }) {
  const platform = usePlatform()
  const [message, setMessage] = useState('')
  const run = () => {
    setMessage('Writing the report…')
    // Computed and written in the metrics worker; its charts drawn and saved here.
    measured('report-export', async () =>
      exportReport(platform, await metricsClient.report(request, period)),
    ).then(setMessage, (error: unknown) =>
      setMessage(`The report was not exported: ${String(error)}`),
    )
  }
  /** The screen as printed, in the light theme (the charts are redrawn in its colours first). */
  const pdf = async () => {
    const { theme, setTheme } = useUi.getState()
    setTheme('light')
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    await chartsDrawn()
    try {
      const result = await platform.savePdf(
        `${reportName(period, { now: Date.now(), zone: shownZone() })}.pdf`,
      )
      setMessage(
        !result.saved
          ? 'Export cancelled.'
          : result.where
            ? `Saved as PDF to ${result.where}.`
            : 'Printed. To keep a file, choose "Save as PDF" in the print dialog.',
      )
    } finally {
      setTheme(theme)
    }
  }
  return (
    <div className="page-actions">
      <span className="muted" role="status">
        {message}
      </span>
      <button type="button" className="button quiet" onClick={() => void pdf()}>
        Export PDF…
      </button>
      <button type="button" className="button" onClick={run}>
        Export review report…
      </button>
    </div>
  )
}

function MetricsBody({
  metrics,
  period,
  now,
}: {
  metrics: MetricsView
  period: Period
  now: number
}) {
  const n = metrics.count
  const { postmortems: pm, actionItems: ai } = metrics
  const practice = practiceNote(metrics.practice)
  const mitigate = metrics.durations.mitigate.all
  return (
    <>
      <p className="metrics-summary">
        <strong>{plural(n, 'incident')}</strong> started in {period.label}
        {practice && <> ({practice} in the period, counted only when chosen)</>}.
        {n > 0 && n < FEW && (
          <span className="few">
            {' '}
            Only {plural(n, 'incident')}: read these numbers as stories, not trends.
          </span>
        )}
      </p>
      {n === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No incidents in this period.</p>
          <p className="muted">Choose a longer period, or count drills and near misses.</p>
        </div>
      ) : (
        <>
          <dl className="metric-tiles">
            <Tile label="Incidents" value={String(n)} />
            <Tile
              label="Median time to mitigate"
              value={mitigate ? formatDuration(mitigate.median) : '—'}
              detail={mitigate ? `p90 ${formatDuration(mitigate.p90)}` : 'none mitigated yet'}
            />
            <Tile
              label={`Post-mortems final within ${pm.deadlineHours} hours`}
              value={percent(pm.onTime, pm.onTime + pm.late)}
              detail={`${pm.onTime} of ${pm.onTime + pm.late}${pm.pending ? `, ${pm.pending} still in time` : ''}`}
            />
            <Tile
              label="Action items done within two weeks"
              value={percent(ai.twoWeeks.onTime, ai.twoWeeks.counted)}
              detail={`${ai.twoWeeks.onTime} of ${ai.twoWeeks.counted}`}
            />
            <Tile
              label="Action items overdue"
              value={String(ai.overdueCount)}
              detail={`of ${ai.open} open`}
            />
          </dl>
          <IncidentsPerBucket metrics={metrics} />
          <Durations metrics={metrics} />
          <ActionItems metrics={metrics} now={now} />
          <Tallies metrics={metrics} />
        </>
      )}
    </>
  )
}

function Tile(props: { label: string; value: string; detail?: string }) {
  return (
    <div className="metric-tile">
      <dt>{props.label}</dt>
      <dd>
        <span className="metric-value">{props.value}</span>
        {props.detail && <span className="muted metric-detail">{props.detail}</span>}
      </dd>
    </div>
  )
}

function IncidentsPerBucket({ metrics }: { metrics: MetricsView }) {
  const { buckets, unit } = metrics
  const draw = useCallback(
    (o: Parameters<typeof incidentsChart>[2]) => incidentsChart(buckets, unit, o),
    [buckets, unit],
  )
  return (
    <Chart
      title={`Incidents per ${unit}, by severity`}
      draw={draw}
      table={
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{unit === 'week' ? 'Week of' : 'Month'}</th>
              {SEVERITY_GROUPS.map((s) => (
                <th key={s} scope="col">
                  {s}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{b.label}</th>
                {SEVERITY_GROUPS.map((s) => (
                  <td key={s}>{b.counts[s]}</td>
                ))}
                <td>{Object.values(b.counts).reduce((a, c) => a + c, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}

function Durations({ metrics }: { metrics: MetricsView }) {
  const [by, setBy] = useState<'bySeverity' | 'byService'>('bySeverity')
  const id = useId()
  return (
    <section className="metrics-section" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h2 id={`${id}-title`}>How long it took</h2>
        <label htmlFor={`${id}-by`}>Group by</label>
        <select
          id={`${id}-by`}
          className="input select"
          value={by}
          onChange={(e) => setBy(e.target.value as typeof by)}
        >
          <option value="bySeverity">Severity</option>
          <option value="byService">Service</option>
        </select>
      </div>
      <p className="muted">
        Each dot is an incident; the solid mark is the median, the dashed one the 90th percentile.
        All measured from when impact started.
      </p>
      {(Object.keys(DURATIONS) as DurationKey[]).map((key) => (
        <DurationChart key={key} which={key} groups={metrics.durations[key][by]} />
      ))}
    </section>
  )
}

function DurationChart({
  which,
  groups,
}: {
  which: DurationKey
  groups: MetricsView['durations'][DurationKey]['bySeverity' | 'byService']
}) {
  const draw = useCallback(
    (o: Parameters<typeof durationChart>[2]) => durationChart(which, groups, o),
    [which, groups],
  )
  if (groups.length === 0)
    return (
      <p className="muted">
        {DURATIONS[which]}: no incident in this period has reached that step yet.
      </p>
    )
  return (
    <Chart
      title={DURATIONS[which]}
      draw={draw}
      table={
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Incidents</th>
              <th scope="col">Median</th>
              <th scope="col">p90</th>
              <th scope="col">Fastest</th>
              <th scope="col">Slowest</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(({ group, distribution: d }) => (
              <tr key={group}>
                <th scope="row">{group}</th>
                <td>
                  {d.count}
                  {d.count < FEW && <span className="few"> (few)</span>}
                </td>
                <td>{formatDuration(d.median)}</td>
                <td>{formatDuration(d.p90)}</td>
                <td>{formatDuration(d.min)}</td>
                <td>{formatDuration(d.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}

function ActionItems({ metrics, now }: { metrics: MetricsView; now: number }) {
  const navigate = useUi((s) => s.navigate)
  const id = useId()
  const { postmortems: pm, actionItems: ai } = metrics
  const shown = ai.overdue
  return (
    <section className="metrics-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Follow-through</h2>
      <p>
        Post-mortems: {pm.onTime} final within {pm.deadlineHours} hours, {pm.late} late
        {pm.pending > 0 && `, ${pm.pending} still in time`} (of {plural(pm.counted, 'incident')}{' '}
        that need one).
      </p>
      <p>
        Action items: {ai.total} written, {ai.twoWeeks.onTime} of {ai.twoWeeks.counted} done within
        two weeks, {ai.open} open, {ai.overdueCount} overdue.
      </p>
      {shown.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Overdue action items, longest overdue first</caption>
          <thead>
            <tr>
              <th scope="col">Overdue action item</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Overdue by</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ item, age, incidentTitle }) => (
              <tr key={item.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigate({ screen: 'incident', id: item.incidentId })}
                  >
                    {item.title}
                  </button>
                  <span className="muted"> · {incidentTitle}</span>
                </th>
                <td>{item.owner || <span className="muted">nobody</span>}</td>
                <td>{item.dueAt !== null && formatDate(item.dueAt, now)}</td>
                <td>{formatAge(age)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ai.overdueCount > shown.length && (
        <p className="muted">And {ai.overdueCount - shown.length} more on the Action items page.</p>
      )}
    </section>
  )
}

function Tallies({ metrics }: { metrics: MetricsView }) {
  return (
    <>
      {metrics.factors.length > 0 ? (
        <TallyChart title="Contributing factor categories" tally={metrics.factors} />
      ) : (
        <p className="muted">No contributing factors were recorded for these incidents.</p>
      )}
      {metrics.services.length > 0 && (
        <TallyChart title="Services involved" tally={metrics.services} />
      )}
    </>
  )
}

function TallyChart(props: { title: string; tally: MetricsView['factors'] }) {
  const { title, tally } = props
  const draw = useCallback(
    (o: Parameters<typeof tallyChart>[2]) => tallyChart(title, tally, o),
    [title, tally],
  )
  return (
    <Chart
      title={title}
      draw={draw}
      table={
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">Incidents</th>
            </tr>
          </thead>
          <tbody>
            {tally.map((t) => (
              <tr key={t.name}>
                <th scope="row">{t.name}</th>
                <td>{t.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
