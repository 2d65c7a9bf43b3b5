// The screens a user opens from the sidebar or the list, each from the click until it shows what
// it is for (and the longest task meanwhile): an incident with 200 events, "Seen before?" while
// capturing, Metrics over every incident, the reminder center (and a snooze there), the action
// items page.
import { metricsTableSaved, newIncident } from '../../test/drive.mjs'
import { measures, timeUntil } from '../lib/session.mjs'
import { measure, median } from '../lib/stats.mjs'

const toList = async (page) => {
  await page.getByRole('button', { name: 'Incidents', exact: true }).click()
  await page.locator('.incident-row').first().waitFor()
}

export async function openIncident({ page, runs, warm }) {
  const open = []
  for (let run = 0; run < warm + runs; run++) {
    await toList(page)
    await page.getByLabel('Search incidents').fill('Benchmark incident with many events')
    const row = page.getByRole('button', { name: /Benchmark incident with many events/ })
    await row.waitFor()
    const { ms } = await timeUntil(
      page,
      () => document.querySelector('.phase-goal'),
      () => row.click(),
    )
    if (run >= warm) open.push(ms)
  }
  return [
    measure('openIncident', 'Open an incident (200 events)', open, {
      budget: '≤ 100 ms',
      limit: 100,
    }),
  ]
}

/** What a user types into a new incident's title, one per run. */
const CAPTURED = [
  'checkout timeout database latency returns 502',
  'payments queue backlog after deploy',
  'login errors 500 on auth service',
  'search results slow after index rebuild',
  'webhooks failing with certificate errors',
]

export async function similar({ page, runs, warm }) {
  const m = measures(page)
  // The answers once the saved index has loaded (how long that takes after a start is the
  // search-index scenario's): before it, "Seen before?" waits for it.
  await page.waitForFunction(
    () => performance.getEntriesByName('steady:search-index').length > 0,
    null,
    { timeout: 600_000 },
  )
  const times = []
  for (let run = 0; run < warm + runs; run++) {
    await toList(page)
    const before = await m.count('similar')
    await page.keyboard.press('n')
    await page.getByLabel('What is happening?').fill(CAPTURED[run % CAPTURED.length])
    // Asked as the title changes, when the draft is saved and once the index has caught up.
    await page.waitForTimeout(1500)
    const answers = await page.evaluate(
      (skip) =>
        performance
          .getEntriesByName('steady:similar')
          .slice(skip)
          .map((e) => e.duration),
      before,
    )
    if (run >= warm) times.push(...answers)
    await page.keyboard.press('Escape')
  }
  return [
    measure('similar', 'Similar incidents while capturing', times, {
      budget: '≤ 100 ms',
      limit: 100,
    }),
  ]
}

/** Until Metrics' worker has saved its table (it does a few seconds after computing). */
export async function untilSaved(page, timeout = 120_000) {
  for (const end = Date.now() + timeout; Date.now() < end; await page.waitForTimeout(500))
    if (await metricsTableSaved(page)) return
  throw new Error('Metrics did not save its table.')
}

export async function metrics({ page, runs, warm }) {
  const m = measures(page)
  // From the click on Metrics until `done` (by default: its four charts are drawn).
  const openMetrics = (done = () => document.querySelectorAll('.chart-canvas svg').length >= 4) =>
    timeUntil(
      page,
      done,
      () => page.getByRole('button', { name: 'Metrics' }).click(),
      undefined,
      300_000,
    )
  // The first open after start, until its first answer: from the table its worker saved last time,
  // and with none saved (the first open ever, or after a restore: the worker reads every summary).
  // Of last year, which the history fills (it ends in 2025), chosen first: the screen keeps it.
  const firstAnswer = () => performance.getEntriesByName('steady:metrics').length > 0
  await toList(page)
  await openMetrics(firstAnswer)
  const before = await m.count('metrics')
  await page.getByLabel('Period').selectOption('last-year')
  await m.waitFor('metrics', before + 1, 300_000)
  const restart = async () => {
    await toList(page)
    await page.reload()
    await page.locator('.incident-list:not([aria-busy])').waitFor({ timeout: 300_000 })
  }
  await metricsTableSaved(page, { drop: true })
  await restart()
  const { ms: unsaved } = await openMetrics(firstAnswer)
  await untilSaved(page)
  await restart()
  const { ms: firstOpen } = await openMetrics(firstAnswer)
  await page.getByLabel('Period').selectOption('all')
  await page.locator('.chart-canvas svg').nth(3).waitFor({ timeout: 300_000 })
  const screen = []
  const tasks = []
  const compute = []
  for (let run = 0; run < warm + runs; run++) {
    await toList(page)
    const { ms, longestTaskMs } = await openMetrics()
    if (run >= warm) {
      screen.push(ms)
      tasks.push(longestTaskMs)
      compute.push(await m.last('metrics'))
    }
  }
  // After a change (a new incident captured): the summaries are a new list, the table patched.
  const changed = { screen: [], compute: [] }
  for (let run = 0; run < warm + runs; run++) {
    await newIncident(page, `Metrics after a change ${run} ${Date.now()}`)
    const { ms } = await openMetrics()
    if (run >= warm) {
      changed.screen.push(ms)
      changed.compute.push(await m.last('metrics'))
    }
  }
  // The review report of every incident, then of a year's (the usual review).
  const exportReport = async () => {
    const report = []
    for (let run = 0; run < warm + runs; run++) {
      const before = await m.count('report-export')
      await page.getByRole('button', { name: 'Export review report…' }).click()
      await m.waitFor('report-export', before + 1)
      if (run >= warm) report.push(await m.last('report-export'))
    }
    return report
  }
  const report = await exportReport()
  const computed = await m.count('metrics')
  await page.getByLabel('Period').selectOption('last-year')
  await m.waitFor('metrics', computed + 1)
  const yearReport = await exportReport()
  return [
    measure('metricsFirst', 'Metrics screen, first open after start (last year)', firstOpen, {
      budget: '≤ 1 s',
      limit: 1000,
      against: 'its worker reads the table it saved, and what changed since',
    }),
    measure('metricsUnsaved', 'Metrics screen, first open with no table saved', unsaved, {
      against: 'its worker reads every summary, then computes',
    }),
    measure('metrics', 'Metrics screen, all incidents', screen, {
      budget: '≤ 300 ms',
      limit: 300,
      against: `computing ${median(compute).toFixed(0)} ms; longest task ${median(tasks).toFixed(0)} ms`,
    }),
    measure('metricsChanged', 'Metrics screen after a new incident', changed.screen, {
      budget: '≤ 300 ms',
      limit: 300,
      against: `computing ${median(changed.compute).toFixed(0)} ms`,
    }),
    measure('reportExport', 'Review report export, all incidents', report, {
      budget: '≤ 2 s',
      limit: 2000,
    }),
    measure('reportYear', 'Review report export, last year', yearReport, {
      budget: '≤ 2 s',
      limit: 2000,
    }),
  ]
}

/**
 * The list narrowed by a filter and widened again: from the choice until the list shows the new
 * set's first rows (its height changes with their number) and until it has every one (no longer
 * busy), and the longest task after the choice.
 */
export async function listFilters({ page, runs, warm }) {
  await toList(page)
  await page.locator('.incident-list:not([aria-busy])').waitFor({ timeout: 300_000 })
  // The service choices are gathered a moment after the list.
  const services = page.getByLabel('Service', { exact: true })
  await services.waitFor({ timeout: 60_000 })
  const service = await services.locator('option').nth(1).getAttribute('value')
  const filters = [
    ['Severity', 'SEV1'],
    ['Status', 'resolved'],
    ['Service', service],
  ]
  const first = []
  const complete = []
  const tasks = []
  const choose = async (label, value) => {
    const before = await page.evaluate(() => {
      window.__firstShown = undefined
      return document.querySelector('.incident-list').style.height
    })
    const { ms, longestTaskMs } = await timeUntil(
      page,
      (before) => {
        const list = document.querySelector('.incident-list')
        if (!list || list.style.height === before) return false
        // Seen at the next frame (work queued ahead of it would hold the rows off the screen).
        if (window.__firstShown === undefined) {
          window.__firstShown = null
          requestAnimationFrame(() => (window.__firstShown = performance.now()))
        }
        return !list.hasAttribute('aria-busy')
      },
      () => page.getByLabel(label, { exact: true }).selectOption(value),
      before,
    )
    // Set by then: timeUntil ends at a frame asked for no sooner than this one.
    const firstMs = await page.evaluate(() => window.__firstShown - window.__until.start)
    return { firstMs, ms, longestTaskMs }
  }
  for (let run = 0; run < warm + runs; run++) {
    for (const [label, value] of filters) {
      for (const choice of [value, '']) {
        const { firstMs, ms, longestTaskMs } = await choose(label, choice)
        if (run < warm) continue
        first.push(firstMs)
        complete.push(ms)
        tasks.push(longestTaskMs)
      }
    }
  }
  const against = 'severity, status and service, each chosen and cleared'
  return [
    measure('listFilter', 'List with a filter: choice → first rows', first, {
      budget: '≤ 200 ms',
      limit: 200,
      against,
    }),
    measure('listFilterComplete', 'List with a filter: choice → every match', complete, {
      budget: '≤ 1 s',
      limit: 1000,
      against,
    }),
    measure('listFilterTask', 'List with a filter: longest task', tasks, {
      budget: '≤ 50 ms',
      limit: 50,
    }),
  ]
}

/** The reminder center and the action items page: first useful content, complete, longest task. */
export async function sidebarScreens({ page, runs, warm }) {
  const results = []
  const screens = [
    {
      key: 'reminderCenter',
      label: 'Reminder center',
      button: /^Reminders/,
      // Due reminders listed, or the line that says nothing is due.
      shown: () =>
        document.querySelector('.reminder-group, .reminder') ||
        [...document.querySelectorAll('p')].some((p) => p.textContent.startsWith('Nothing is due')),
    },
    {
      key: 'actionItems',
      label: 'Action items page',
      button: /^Action items/,
      shown: () =>
        document.querySelector('.items-table tbody tr') ||
        [...document.querySelectorAll('p')].some((p) => p.textContent === 'Nothing outstanding.'),
    },
  ]
  for (const screen of screens) {
    const shown = []
    const tasks = []
    for (let run = 0; run < warm + runs; run++) {
      await toList(page)
      const { ms, longestTaskMs } = await timeUntil(page, screen.shown, () =>
        page.getByRole('button', { name: screen.button }).first().click(),
      )
      if (run >= warm) {
        shown.push(ms)
        tasks.push(longestTaskMs)
      }
    }
    results.push(
      measure(screen.key, `${screen.label}: click → shown`, shown, {
        budget: '≤ 200 ms',
        limit: 200,
      }),
      measure(`${screen.key}Task`, `${screen.label}: longest task`, tasks, {
        budget: '≤ 50 ms',
        limit: 50,
      }),
    )
  }
  // A snooze in the reminder center: the click until that group has left the list. Each visit
  // after the first follows a snooze: the center has a change to read before it shows.
  const snoozes = []
  const afterChange = []
  const afterChangeTasks = []
  for (let run = 0; run < warm + runs + 1; run++) {
    await toList(page)
    // Read and computed (at 100,000 incidents, a moment after the click): groups, or none due.
    const { ms: shownMs, longestTaskMs } = await timeUntil(page, screens[0].shown, () =>
      page
        .getByRole('button', { name: /^Reminders/ })
        .first()
        .click(),
    )
    if (run > warm) {
      afterChange.push(shownMs)
      afterChangeTasks.push(longestTaskMs)
    }
    const group = page.locator('.reminder-group').first()
    if (!(await group.count())) break
    const title = await group.getAttribute('aria-label')
    const count = await group.locator('.reminder').count()
    // Snoozed: the group has fewer reminders, or has left the list.
    const { ms } = await timeUntil(
      page,
      ({ title, count }) => {
        const now = [...document.querySelectorAll('.reminder-group')].find(
          (g) => g.getAttribute('aria-label') === title,
        )
        return !now || now.querySelectorAll('.reminder').length < count
      },
      () =>
        group
          .getByRole('button', { name: /^Snooze 1 hour/ })
          .first()
          .click(),
      { title, count },
    )
    if (run >= warm && run < warm + runs) snoozes.push(ms)
  }
  // The write itself, as the app times it (the floor under the snooze).
  const writes = await page.evaluate(() =>
    performance.getEntriesByName('steady:settle').map((e) => e.duration),
  )
  if (afterChange.length)
    results.push(
      measure(
        'reminderCenterChanged',
        'Reminder center after a snooze: click → shown',
        afterChange,
        {
          budget: '≤ 200 ms',
          limit: 200,
        },
      ),
      measure(
        'reminderCenterChangedTask',
        'Reminder center after a snooze: longest task',
        afterChangeTasks,
        {
          budget: '≤ 50 ms',
          limit: 50,
        },
      ),
    )
  if (snoozes.length)
    results.push(
      measure('snooze', 'Snooze in the reminder center', snoozes, {
        budget: '≤ 50 ms',
        limit: 50,
        against: `the write itself ${Math.min(...writes).toFixed(0)}–${Math.max(...writes).toFixed(0)} ms`,
      }),
    )
  return results
}
