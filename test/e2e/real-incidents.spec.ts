/**
 * Re-entering real, published incidents years after they happened, the way people back-fill from
 * a public post-mortem or a chat log: every time typed in, in a browser whose zone is not UTC, then
 * the exported Markdown checked fact by fact. The record is the product.
 */
import type { Locator, Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { expect, test } from './fixtures'
import { openApp, phaseHeading } from './helpers'

/** Sets a time field (TimePicker or WhenField) by its label to a wall-clock time. */
async function setTime(page: Page, label: string, value: string, scope: Page | Locator = page) {
  const exact = scope.getByLabel(new RegExp(`^${escape(label)}, exact time`, 'i'))
  if (!(await exact.isVisible())) {
    await scope.getByRole('button', { name: new RegExp(`^${escape(label)}:`) }).click()
  }
  await exact.fill(value)
  await exact.press('Enter')
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function logAttempt(
  page: Page,
  attempt: { action: string; expected?: string; observed?: string; outcome?: string; at: string },
) {
  const form = page.getByRole('form', { name: 'Log a mitigation attempt' })
  await form.getByLabel('Action', { exact: true }).fill(attempt.action)
  if (attempt.expected) await form.getByLabel('What you expect').fill(attempt.expected)
  if (attempt.observed) await form.getByLabel('What you observed').fill(attempt.observed)
  if (attempt.outcome)
    await form
      .getByRole('group', { name: 'Outcome' })
      .getByRole('radio', { name: attempt.outcome, exact: true })
      .check()
  await setTime(page, 'Time of this attempt', attempt.at, form)
  await form.getByRole('button', { name: 'Log this attempt' }).click()
  await expect(page.getByRole('region', { name: 'Mitigation log' })).toContainText(attempt.action)
}

async function addNote(page: Page, text: string, at: string) {
  const timeline = page.getByRole('complementary', { name: 'Timeline' })
  await timeline.getByLabel('Add a note to the timeline').fill(text)
  await setTime(page, 'Time of the note', at, timeline)
  await timeline.getByRole('button', { name: 'Add note' }).click()
  await expect(timeline).toContainText(text)
}

async function addHypothesis(
  page: Page,
  index: number,
  h: { statement: string; result: string; evidence: string; at: string },
) {
  await page.getByLabel('Hypothesis', { exact: true }).fill(h.statement)
  await page.getByRole('button', { name: 'Add hypothesis' }).click()
  const item = page.getByRole('listitem', { name: `Hypothesis ${index}` })
  await expect(item).toContainText(h.statement)
  await item.getByLabel(`Evidence for hypothesis ${index}`).fill(h.evidence)
  await setTime(page, `Time of the result of hypothesis ${index}`, h.at, item)
  await item
    .getByRole('group', { name: `Result of hypothesis ${index}` })
    .getByRole('radio', { name: h.result })
    .check()
  await expect(item).toHaveAttribute(
    'data-result',
    h.result === 'Confirmed' ? 'confirmed' : 'ruled-out',
  )
}

/** "Users are back — verified", at a time typed in; `shown` is how the screen then says it. */
async function usersBackAt(page: Page, at: string, shown: string) {
  await setTime(page, 'Time users were back', at)
  await page.getByRole('button', { name: /Users are back — verified/ }).click()
  await expect(page.getByText(/Users verified back/)).toContainText(shown)
}

async function resolveAt(page: Page, at: string, shown: string) {
  await page.getByRole('button', { name: /Resolve incident/ }).click()
  const resolve = page.getByRole('dialog', { name: 'Resolve incident' })
  await resolve.getByLabel('Resolved at').fill(at)
  await resolve.getByRole('button', { name: 'Resolve' }).click()
  await expect(page.getByText(/^Resolved .*Take a break/)).toContainText(shown)
}

/** The exported post-mortem's timeline section. */
const storyOf = (markdown: string) =>
  markdown.split('## Timeline')[1]?.split('## Root cause')[0] ?? ''

async function exportMarkdown(page: Page) {
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export Markdown…' }).click()
  const file = await download
  const raw = await readFile(await file.path(), 'utf8')
  // Compared as a reader sees it: without Markdown's escapes ("pg\\_dump" reads "pg_dump").
  const markdown = raw.replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1')
  const front = parse(/^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? '') as Record<
    string,
    unknown
  >
  return { markdown, front, fileName: file.suggestedFilename() }
}

/** Each needle appears, in this order. */
function expectInOrder(text: string, needles: string[]) {
  let from = 0
  for (const needle of needles) {
    const at = text.indexOf(needle, from)
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0)
    from = at + needle.length
  }
}

test.describe('GitHub, 21–22 October 2018, entered in UTC from Los Angeles', () => {
  test.use({ timezoneId: 'America/Los_Angeles' })

  test('every fact and every UTC time reaches the exported post-mortem', async ({ page }) => {
    test.setTimeout(120_000)
    await openApp(page)
    // The published timeline is in UTC: show and type times in UTC.
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('radio', { name: 'UTC', exact: true }).check()

    // Capture, back-dated three years.
    await page.keyboard.press('n')
    await page
      .getByLabel('What is happening?')
      .fill('github.com shows stale and inconsistent data; webhooks and Pages builds are delayed')
    await page.getByLabel('Title', { exact: true }).fill('Network partition and database failover')
    await setTime(page, 'When did it start?', '2018-10-21T22:52')
    await setTime(page, 'When did you notice?', '2018-10-21T22:54')
    await page.getByRole('radio', { name: 'Monitoring alert' }).check()
    await page.getByLabel('How exactly?').fill('Internal monitoring alerted on database errors')
    await page
      .getByLabel('Error messages')
      .fill('Orchestrator: promoted US West primaries\nwrites failing across regions')
    await page.getByLabel('Status codes').fill('503')
    await page.keyboard.press('Enter')
    await page.getByLabel('Affected endpoints').fill('GitHub Pages builds')
    await page.keyboard.press('Enter')
    await page.getByLabel('Affected endpoints').fill('webhooks')
    await page.keyboard.press('Enter')
    await expect(page.getByLabel(/^When did it start\?, exact time \(UTC\)/i)).toHaveValue(
      '2018-10-21 22:52',
    )
    await page.keyboard.press('Control+Enter')

    // Triage: classified at 23:11, when the incident coordinator set the status to red.
    await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
    await setTime(page, 'Time of the severity change', '2018-10-21T23:11')
    await page.getByRole('radio', { name: /^SEV1/ }).check()
    await page
      .getByRole('group', { name: 'Scope' })
      .getByRole('radio', { name: 'All users' })
      .check()
    await page.getByLabel('Scope notes').fill('Degraded service for 24 hours 11 minutes')
    await page.getByText('What changed recently?').click()
    await page.getByRole('checkbox', { name: 'Config changes' }).check()
    await page
      .getByLabel('Config changes: notes')
      .fill('Maintenance replacing failing 100G optical equipment')
    await page.getByRole('radio', { name: /^Other/ }).check()
    await page
      .getByLabel('Strategy notes')
      .fill('Restore from backups in US East before failing back: data integrity first')
    await page.getByLabel('Strategy notes').blur()
    await page.keyboard.press('Control+Enter')

    // Mitigate: three attempts, logged late with their real times; users back the next day.
    await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()
    await logAttempt(page, {
      action: 'Lock the deployment tooling',
      expected: 'No further changes while we assess',
      outcome: 'Worked',
      at: '2018-10-21T23:07',
    })
    await logAttempt(page, {
      action: 'Pause webhooks and Pages builds',
      expected: 'Less write load on the clusters',
      observed: 'Data still stale for users',
      outcome: 'Partly worked',
      at: '2018-10-21T23:19',
    })
    await logAttempt(page, {
      action: 'Restore MySQL clusters from backups in US East',
      observed: 'Primaries re-established in US East by 11:12',
      outcome: 'Worked',
      at: '2018-10-22T00:41',
    })
    await addNote(page, 'Blog post published with more information', '2018-10-22T07:46')
    await usersBackAt(page, '2018-10-22T16:24', '22 Oct 2018, 16:24')
    await page.keyboard.press('Control+Enter')

    // Diagnose.
    await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
    await addHypothesis(page, 1, {
      statement: 'A hardware fault in the data center lost data',
      result: 'Ruled out',
      evidence: 'Every host healthy after the 43 seconds',
      at: '2018-10-21T23:40',
    })
    await addHypothesis(page, 2, {
      statement: 'The partition made Orchestrator promote US West primaries',
      result: 'Confirmed',
      evidence: 'US East held writes never replicated west',
      at: '2018-10-22T00:05',
    })
    await page
      .getByLabel('Trigger')
      .fill('A 43-second loss of connectivity between the US East hub and data center')
    await page
      .getByLabel('Mechanism')
      .fill('Orchestrator failed the primaries over to US West; writes diverged')
    await page.getByLabel('Impact', { exact: true }).fill('Stale and inconsistent data for 24h 11m')
    await page
      .getByLabel('Root cause')
      .fill('Cross-region failover that the application could not tolerate')
    await page
      .getByLabel('Contributing factors')
      .fill('Cross-region failover had never been exercised')
    await page.getByLabel('Contributing factors').blur()
    await page.keyboard.press('Control+Enter')

    // Fix and resolution, at 23:03 the next day.
    await expect(phaseHeading(page, 'Deploy the real fix.')).toBeVisible()
    await page.getByRole('checkbox', { name: /Fix written/ }).check()
    await resolveAt(page, '2018-10-22T23:03', '22 Oct 2018, 23:03')
    await page.keyboard.press('Control+Enter')
    await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Post-mortem document' })).toContainText(
      'Times in: UTC',
    )

    const { markdown, front, fileName } = await exportMarkdown(page)
    expect(fileName).toBe('2018-10-21-network-partition-and-database-failover.md')
    expect(front).toMatchObject({
      title: 'Network partition and database failover',
      severity: 'SEV1',
      status: 'resolved',
      started: '2018-10-21T22:52:00Z',
      detected: '2018-10-21T22:54:00Z',
      mitigated: '2018-10-22T16:24:00Z',
      resolved: '2018-10-22T23:03:00Z',
      time_to_detect_minutes: 2,
      time_to_mitigate_minutes: 17 * 60 + 32,
      time_to_resolve_minutes: 24 * 60 + 11,
      times_in: 'UTC',
    })
    for (const fact of [
      '**Times in:** UTC',
      '**Time to detect:** 2m (impact start to detection)',
      '**Time to mitigate:** 17h 32m (impact start to users verified back)',
      '**Time to resolve:** 1d 11m (impact start to resolution)',
      '**Scope:** All users — Degraded service for 24 hours 11 minutes',
      '**What users saw:** github.com shows stale and inconsistent data; webhooks and Pages builds are delayed',
      '**Affected endpoints:** GitHub Pages builds, webhooks',
      '**Status codes:** 503',
      'Orchestrator: promoted US West primaries\nwrites failing across regions',
      '**How:** Monitoring alert — Internal monitoring alerted on database errors',
      '**Impact started:** 21 Oct 2018, 22:52',
      '**Detected:** 21 Oct 2018, 22:54',
      '**Root cause:** Cross-region failover that the application could not tolerate',
      '**Confirmed hypothesis:** The partition made Orchestrator promote US West primaries — US East held writes never replicated west',
      '**Trigger:** A 43-second loss of connectivity between the US East hub and data center',
      '**Mechanism:** Orchestrator failed the primaries over to US West; writes diverged',
      '**Contributing factors:** Cross-region failover had never been exercised',
      '**Ruled out:** A hardware fault in the data center lost data. Evidence: Every host healthy after the 43 seconds',
      'Config changes — Maintenance replacing failing 100G optical equipment',
      '**Response strategy:** Other — Restore from backups in US East before failing back: data integrity first',
      '**21 Oct 2018, 23:07** — Lock the deployment tooling — worked. Expected: No further changes while we assess',
      '**21 Oct 2018, 23:19** — Pause webhooks and Pages builds — partly worked. Expected: Less write load on the clusters. Observed: Data still stale for users',
      '**22 Oct 2018, 00:41** — Restore MySQL clusters from backups in US East — worked. Observed: Primaries re-established in US East by 11:12',
      '**Users verified back:** 22 Oct 2018, 16:24',
      'Done: Fix written',
      '**Resolved:** 22 Oct 2018, 23:03',
    ])
      expect(markdown, fact).toContain(fact)

    // The timeline tells the story in the order it happened, across midnight, without bookkeeping.
    const timeline = storyOf(markdown)
    expectInOrder(timeline, [
      '**21 Oct 2018, 22:52** — **Impact started**',
      '**21 Oct 2018, 22:54** — **Detected**',
      '**21 Oct 2018, 23:07** — Mitigation: Lock the deployment tooling — worked',
      '**21 Oct 2018, 23:11** — Severity SEV1',
      '**21 Oct 2018, 23:19** — Mitigation: Pause webhooks and Pages builds — partly worked',
      '**21 Oct 2018, 23:40** — Ruled out: A hardware fault in the data center lost data — Every host healthy after the 43 seconds',
      '**22 Oct 2018, 00:05** — Confirmed: The partition made Orchestrator promote US West primaries — US East held writes never replicated west',
      '**22 Oct 2018, 00:41** — Mitigation: Restore MySQL clusters from backups in US East — worked',
      '**22 Oct 2018, 07:46** — Blog post published with more information',
      '**22 Oct 2018, 16:24** — **Users are back — mitigation verified**',
      '**22 Oct 2018, 23:03** — **Resolved**',
    ])
    expect(timeline).not.toContain('Moved to')
    expect(timeline).not.toContain('Incident opened')
  })
})

test.describe('GitLab.com, 31 January – 1 February 2017, entered in the computer’s zone (Kolkata)', () => {
  test.use({ timezoneId: 'Asia/Kolkata' })

  test('failed mitigations, an outcome known later, a corrected time and a regression all reach the file', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await openApp(page)
    // Times in the computer's zone (the default): UTC+05:30. 23:27 UTC is 04:57 the next day.
    await page.keyboard.press('n')
    await page
      .getByLabel('What is happening?')
      .fill('Production database data removed; GitLab.com down')
    await page.getByLabel('Title', { exact: true }).fill('Database data loss on the primary')
    await setTime(page, 'When did it start?', '2017-02-01T04:57')
    await setTime(page, 'When did you notice?', '2017-02-01T04:57')
    await page.getByRole('radio', { name: 'Own observation' }).check()
    await page.keyboard.press('Control+Enter')
    await page.getByRole('radio', { name: /^SEV1/ }).check()
    await page.getByRole('radio', { name: /^Other/ }).check()
    await page.keyboard.press('Control+Enter')
    await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()

    // Three backup methods, tried in turn; the first one's outcome was only known later.
    await logAttempt(page, {
      action: 'Restore from the pg_dump backups',
      expected: 'A dump from the last 24 hours',
      at: '2017-02-01T05:30',
    })
    await page
      .getByRole('button', { name: 'Edit attempt: Restore from the pg_dump backups' })
      .click()
    const edit = page.getByRole('form', { name: 'Edit attempt: Restore from the pg_dump backups' })
    await edit
      .getByLabel('What you observed')
      .fill('The backups were empty: pg_dump had been failing')
    await edit.getByRole('radio', { name: 'Failed' }).check()
    await edit.getByRole('button', { name: 'Save attempt' }).click()
    await expect(edit).toBeHidden()
    await logAttempt(page, {
      action: 'Restore from Azure disk snapshots',
      observed: 'Snapshots were not enabled for the database servers',
      outcome: 'Failed',
      at: '2017-02-01T06:10',
    })
    await logAttempt(page, {
      action: 'Copy the staging LVM snapshot taken 6 hours earlier',
      observed: 'Slow disks: the copy took about 18 hours',
      outcome: 'Worked',
      at: '2017-02-01T07:00',
    })
    // Logged as 07:00, really started at 06:45: corrected on the timeline, which keeps the old time.
    const timeline = page.getByRole('complementary', { name: 'Timeline' })
    await timeline
      .getByRole('button', {
        name: 'Change entry: Mitigation: Copy the staging LVM snapshot taken 6 hours earlier — worked',
      })
      .click()
    await setTime(page, 'Happened at', '2017-02-01T06:45', timeline)
    await expect(timeline).toContainText('corrected from 1 Feb 2017, 07:00')
    await usersBackAt(page, '2017-02-01T23:44', '1 Feb 2017, 23:44')
    await page.keyboard.press('Control+Enter')
    await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
    await page.keyboard.press('Control+Enter')

    // The fix, then — added to exercise the path, not in GitLab's account — a regression.
    await expect(phaseHeading(page, 'Deploy the real fix.')).toBeVisible()
    await setTime(page, 'Time of the deploy', '2017-02-02T12:00')
    await page.getByRole('checkbox', { name: /^Deployed/ }).check()
    await page.getByLabel('What monitoring showed').fill('Replication lag came back at 14:30')
    await setTime(page, 'Time of the monitoring result', '2017-02-02T14:30')
    await page.getByRole('button', { name: 'It regressed — back to Mitigate' }).click()
    await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()
    await usersBackAt(page, '2017-02-02T16:00', '2 Feb 2017, 16:00')
    await page.keyboard.press('Control+Enter')
    await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
    await page.keyboard.press('Control+Enter')
    await expect(phaseHeading(page, 'Deploy the real fix.')).toBeVisible()
    await resolveAt(page, '2017-02-02T16:30', '2 Feb 2017, 16:30')
    await page.keyboard.press('Control+Enter')
    await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()

    const { markdown, front, fileName } = await exportMarkdown(page)
    // The file is named by the day it started where the reader is: 1 February in Kolkata.
    expect(fileName).toBe('2017-02-01-database-data-loss-on-the-primary.md')
    expect(front).toMatchObject({
      started: '2017-01-31T23:27:00Z',
      detected: '2017-01-31T23:27:00Z',
      mitigated: '2017-02-02T10:30:00Z',
      fix_deployed: '2017-02-02T06:30:00Z',
      resolved: '2017-02-02T11:00:00Z',
      monitoring: 'regressed',
      time_to_detect_minutes: 0,
    })
    // Chromium's ICU still calls Kolkata by its older name.
    expect(front['times_in']).toMatch(/^Asia\/(Kolkata|Calcutta)$/)
    expect(markdown).toMatch(/\*\*Times in:\*\* Asia\/(Kolkata|Calcutta) \(UTC\+05:30\)/)
    for (const fact of [
      '**Impact started:** 1 Feb 2017, 04:57',
      '**1 Feb 2017, 05:30** — Restore from the pg_dump backups — failed. Expected: A dump from the last 24 hours. Observed: The backups were empty: pg_dump had been failing',
      '**1 Feb 2017, 06:10** — Restore from Azure disk snapshots — failed',
      '**1 Feb 2017, 06:45** — Copy the staging LVM snapshot taken 6 hours earlier — worked',
      '**Monitoring:** Regressed: the fix did not hold',
      '**Fix:** deployed 2 Feb 2017, 12:00',
    ])
      expect(markdown, fact).toContain(fact)
    const story = storyOf(markdown)
    expectInOrder(story, [
      '**1 Feb 2017, 04:57** — **Impact started**',
      '**1 Feb 2017, 05:30** — Mitigation: Restore from the pg_dump backups — failed',
      '**1 Feb 2017, 06:10** — Mitigation: Restore from Azure disk snapshots — failed',
      '**1 Feb 2017, 06:45** — Mitigation: Copy the staging LVM snapshot',
      '**1 Feb 2017, 23:44** — **Users are back — mitigation verified**',
      '**2 Feb 2017, 12:00** — Fix deployed',
      '**2 Feb 2017, 14:30** — Regressed: the fix did not hold, back to Mitigate — Replication lag came back at 14:30',
      '**2 Feb 2017, 16:00** — **Users are back — mitigation verified**',
      '**2 Feb 2017, 16:30** — **Resolved**',
    ])
  })
})
