import type { Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { expect, test } from './fixtures'
import { expectAccessible, newIncident, openApp, phaseHeading, resolveQuickly } from './helpers'

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Post-mortem document' })

async function typeUnderHeading(page: Page, heading: string, text: string) {
  // The empty paragraph after a heading is where that section's writing goes.
  await editorOf(page).getByRole('heading', { name: heading, exact: true }).click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.type(text)
}

test('write a post-mortem with three action items, export it, and close the loop', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await openApp(page)
  await resolveQuickly(page, 'Payments webhook returns 500')
  const editor = editorOf(page)
  await expect(editor).toContainText('Severity: SEV3')
  await expect(
    editor.getByRole('heading', { name: 'Post-mortem: Payments webhook returns 500' }),
  ).toBeVisible()

  await typeUnderHeading(page, 'What went well', 'The rollback took two minutes.')
  const items = [
    'Alert on webhook 5xx rate',
    'Contract test for the webhook payload',
    'Runbook: replay failed webhooks',
  ]
  for (const title of items) {
    await page.getByLabel('New action item', { exact: true }).fill(title)
    await page.getByRole('button', { name: 'Add action item' }).click()
    await expect(
      page.getByRole('textbox', { name: 'Action item', exact: true }).last(),
    ).toHaveValue(title)
  }
  await page.getByLabel('Owner of Alert on webhook 5xx rate').fill('sam')
  await page.getByLabel('Owner of Alert on webhook 5xx rate').blur()
  await page.getByLabel('Priority of Alert on webhook 5xx rate').selectOption('P1')
  // A ticket link: only what the link allowlist accepts is kept.
  const link = page.getByLabel('Link for Alert on webhook 5xx rate')
  await link.fill('javascript:alert(1)')
  await link.blur()
  await expect(page.getByText(/^Only http, https and mailto links/)).toBeVisible()
  await link.fill('https://tickets.example.com/OPS-1')
  await link.blur()
  await expect(
    page.getByRole('row', { name: /Alert on webhook 5xx rate/ }).getByRole('button', {
      name: 'Open link',
    }),
  ).toBeVisible()
  await expectAccessible(page, 'post-mortem')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export Markdown…' }).click()
  const file = await (await download).path()
  const markdown = await readFile(file, 'utf8')
  const front = parse(/^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? '') as Record<
    string,
    unknown
  >
  expect(front).toMatchObject({
    title: 'Payments webhook returns 500',
    severity: 'SEV3',
    status: 'resolved',
    action_items: { open: 3, done: 0 },
  })
  expect(markdown).toContain('## What went well\n\nThe rollback took two minutes.')
  expect(markdown).toContain(
    '| [Alert on webhook 5xx rate](https://tickets.example.com/OPS-1) | Prevent | P1 | sam |',
  )
  // Every item is a row of the table (as a link when it has one).
  for (const title of items)
    expect(markdown).toMatch(
      new RegExp(`^\\| \\[?${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
    )
  await expect(page.getByText(/^Exported to/)).toBeVisible()

  // Prevention: the incident closes only once every item is verified (or with a reason).
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Make it impossible to recur.')).toBeVisible()
  await expectAccessible(page, 'prevention')
  await page.getByRole('button', { name: /Close incident/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Say why you move on' })
  await expect(dialog).toContainText('3 action items are not verified yet')
  await dialog.getByRole('button', { name: 'Keep it open' }).click()
  for (const title of items) {
    await page.getByLabel(`Status of ${title}`).selectOption('done')
    await page.getByLabel(`Status of ${title}`).selectOption('verified')
  }
  await page.getByRole('button', { name: /Close incident/ }).click()
  await expect(page.getByText(/Closed — every action item verified/)).toBeVisible()
  await expect(page.getByRole('complementary', { name: 'Timeline' })).toContainText('Closed')
})

test('the post-mortem keeps text typed right before a reload', async ({ page }) => {
  await openApp(page)
  await resolveQuickly(page, 'Cache stampede after deploy')
  await typeUnderHeading(page, 'Summary', 'Cold cache after the deploy overloaded the database')
  await page.reload()
  await expect(editorOf(page)).toContainText('Cold cache after the deploy overloaded the database')
})

test('pasted HTML is sanitised: no script runs and no javascript: link survives', async ({
  page,
  consoleErrors,
}) => {
  await openApp(page)
  await resolveQuickly(page, 'Hostile paste')
  await typeUnderHeading(page, 'Lessons', 'x')
  await page.evaluate(() => {
    const html = [
      '<p>Kept text</p>',
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      '<a href="javascript:window.__pwned=3">evil link</a>',
      '<iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>',
      '<svg><script>window.__pwned=5</script></svg>',
      '<a href="https://example.com/ok">good link</a>',
    ].join('')
    const data = new DataTransfer()
    data.setData('text/html', html)
    data.setData('text/plain', 'fallback')
    document
      .querySelector('.prose')
      ?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
  })
  const editor = editorOf(page)
  await expect(editor).toContainText('Kept text')
  await expect(editor).toContainText('evil link')
  await page.waitForTimeout(300)
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined()
  expect(await page.locator('[href^="javascript:" i]').count()).toBe(0)
  await expect(editor.getByRole('link', { name: 'good link' })).toHaveAttribute(
    'href',
    'https://example.com/ok',
  )
  consoleErrors.splice(0)
})

test('the action items page lists open items across incidents, edits them in place, and filters them', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await openApp(page)
  for (const [incident, item] of [
    ['Disk full on worker', 'Alert at 80% disk'],
    ['Queue stuck after deploy', 'Drain the queue in the runbook'],
  ]) {
    await resolveQuickly(page, incident!)
    await page.getByLabel('New action item', { exact: true }).fill(item!)
    await page.getByRole('button', { name: 'Add action item' }).click()
    await expect(page.getByRole('textbox', { name: 'Action item', exact: true })).toHaveValue(item!)
  }
  await page.getByRole('button', { name: 'Action items' }).click()
  await expect(page.getByRole('heading', { name: 'Action items', level: 1 })).toBeVisible()
  await expect(page.getByRole('row', { name: /Alert at 80% disk/ })).toContainText(
    'Disk full on worker',
  )
  await expectAccessible(page, 'action items')

  // Edited here, in place: owner, priority, status.
  await page.getByLabel('Owner of Alert at 80% disk').fill('sam')
  await page.getByLabel('Owner of Alert at 80% disk').blur()
  await page.getByLabel('Priority of Alert at 80% disk').selectOption('P1')
  const filters = page.getByRole('group', { name: 'Filter action items' })
  await filters.getByLabel('Owner').selectOption('sam')
  await expect(page.getByLabel('Owner of Alert at 80% disk')).toBeVisible()
  await expect(page.getByLabel('Owner of Drain the queue in the runbook')).toBeHidden()
  await filters.getByLabel('Owner').selectOption({ label: 'No owner yet' })
  await expect(page.getByLabel('Owner of Drain the queue in the runbook')).toBeVisible()
  await expect(page.getByLabel('Owner of Alert at 80% disk')).toBeHidden()
  await filters.getByLabel('Owner').selectOption({ label: 'Anyone' })
  await filters.getByLabel('Incident').selectOption({ label: 'Queue stuck after deploy' })
  await expect(page.getByLabel('Owner of Alert at 80% disk')).toBeHidden()
  await filters.getByLabel('Incident').selectOption({ label: 'Any incident' })
  // Nothing is overdue yet (due two weeks from resolution).
  await filters.getByLabel('Overdue only').check()
  await expect(page.getByText('No action item matches these filters.')).toBeVisible()
  await filters.getByLabel('Overdue only').uncheck()

  await page.getByLabel('Status of Alert at 80% disk').selectOption('done')
  await filters.getByLabel('Status').selectOption('done')
  await expect(page.getByLabel('Owner of Alert at 80% disk')).toBeVisible()
  await expect(page.getByLabel('Owner of Drain the queue in the runbook')).toBeHidden()
  // Done the day it was written: the two-week rule is kept.
  await expect(page.getByText(/^Done within two weeks: 1 of 1/)).toBeVisible()

  await page.getByRole('button', { name: 'Disk full on worker' }).click()
  await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()
  await expect(page.getByLabel('Owner of Alert at 80% disk')).toHaveValue('sam')
})

test('refresh from record applies a reclassified severity and keeps the writing; export agrees', async ({
  page,
}) => {
  await openApp(page)
  await resolveQuickly(page, 'Queue backlog after failover')
  await typeUnderHeading(page, 'Summary', 'The failover left the queue without consumers.')
  await expect(editorOf(page)).toContainText('Severity: SEV3')
  await page.getByLabel('Severity (reclassify)').selectOption('SEV2')
  // Reclassified late: the change is dated when it really happened, right away.
  const reclassified = page.getByRole('status').filter({ hasText: 'Reclassified to SEV2' })
  await reclassified.getByRole('button', { name: /^Time of the severity change:/ }).click()
  await reclassified.getByRole('button', { name: '15 min ago' }).click()
  await expect(page.getByRole('complementary', { name: 'Timeline' })).toContainText(
    /Severity SEV2 \(was SEV3\) · corrected from/,
  )
  await reclassified.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Refresh from record' }).click()
  await expect(page.getByText(/^Refreshed the parts generated from the record/)).toBeVisible()
  await expect(editorOf(page)).toContainText('Severity: SEV2')
  await expect(editorOf(page)).toContainText('The failover left the queue without consumers.')
  // The record sections are the record's: typing cannot change them.
  await editorOf(page).getByText('Severity: SEV2').click()
  await page.keyboard.type('zz')
  await expect(editorOf(page)).not.toContainText('SEV2zz')
  // Reclassified again without a refresh: the file still agrees with its own front matter.
  await page.getByLabel('Severity (reclassify)').selectOption('SEV1')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export Markdown…' }).click()
  const markdown = await readFile(await (await download).path(), 'utf8')
  expect(markdown).toContain('severity: SEV1')
  expect(markdown).toContain('**Severity:** SEV1')
  expect(markdown).not.toContain('**Severity:** SEV3')
  expect(markdown).toContain('The failover left the queue without consumers.')
})

test('a test run goes to the trash, comes back with Undo, and is restored from Settings', async ({
  page,
}) => {
  await openApp(page)
  await newIncident(page, 'Just trying Steady out')
  await page.getByRole('button', { name: 'Move incident to the trash' }).click()
  const notice = page.getByRole('status').filter({ hasText: 'Moved “Just trying Steady out”' })
  await expect(notice).toBeVisible()
  await expect(page.getByRole('button', { name: /Just trying Steady out/ })).toBeHidden()
  await notice.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('button', { name: /Just trying Steady out/ })).toBeVisible()

  await page.getByRole('button', { name: /Just trying Steady out/ }).click()
  await page.getByRole('button', { name: 'Move incident to the trash' }).click()
  await expect(notice).toBeVisible()
  await page.getByRole('button', { name: 'Settings' }).click()
  const trash = page.getByRole('list', { name: 'Incidents in the trash' })
  await expect(trash).toContainText('Just trying Steady out')
  await expectAccessible(page, 'settings with trash')
  await trash.getByRole('button', { name: 'Restore Just trying Steady out' }).click()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  await page.getByRole('button', { name: 'Incidents' }).click()
  await expect(page.getByRole('button', { name: /Just trying Steady out/ })).toBeVisible()
})
