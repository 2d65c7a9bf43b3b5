import type { Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { expect, test } from './fixtures'
import { expectAccessible, openApp, phaseHeading, resolveQuickly } from './helpers'

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Post-mortem document' })
const gate = (page: Page) => page.getByRole('region', { name: 'Review checklist' })
const gap = (page: Page, name: string | RegExp) => gate(page).getByRole('button', { name })

async function exported(page: Page): Promise<{ front: Record<string, unknown>; body: string }> {
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export Markdown…' }).click()
  const markdown = await readFile(await (await download).path(), 'utf8')
  const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown) ?? []
  return { front: parse(yaml) as Record<string, unknown>, body }
}

test('a post-mortem goes through review to final, the gate sends the user to each gap, and editing a final one makes revision 2', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await openApp(page)
  // The name recorded with each revision made final.
  await page.getByRole('button', { name: 'Settings' }).press('Enter')
  await page.getByLabel('Your name').fill('Dana Reyes')
  await page.getByLabel('Your name').blur()
  await resolveQuickly(page, 'Search returns empty results')
  await expect(editorOf(page)).toContainText('Severity: SEV3')
  // The rule by severity (Settings): a SEV3's post-mortem is suggested, with no review deadline.
  await expect(page.getByText('Suggested for a SEV3', { exact: true })).toBeVisible()

  // By keyboard: the palette's command lands on the review action; the gate lists what is missing
  // and each gap goes where it is filled.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('Send the post-mortem to review')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Send to review' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(gate(page)).toContainText('things to fill in')
  await expectAccessible(page, 'review gate')
  await gap(page, 'Name who owns this post-mortem.').press('Enter')
  await expect(page.getByLabel('Owner', { exact: true })).toBeFocused()
  await page.keyboard.type('Dana')
  await page.keyboard.press('Tab')

  await gap(page, 'Write the summary.').press('Enter')
  await page.keyboard.type('Search returned nothing for 40 minutes after an index swap.')
  await gap(page, 'Write the lessons.').press('Enter')
  await page.keyboard.type('We should have checked the alias. Index swaps need a check.')

  await gap(page, 'Add at least one action item.').press('Enter')
  await expect(page.getByLabel('New action item', { exact: true })).toBeFocused()
  await page.keyboard.type('Verify the alias after every index swap')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Owner of Verify the alias after every index swap')).toBeVisible()

  // A gap in the record goes to its phase, at its field.
  await gap(page, 'Name the trigger: what set it off.').press('Enter')
  await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Trigger' })).toBeFocused()
  await page.keyboard.type('A nightly index swap pointed the alias at an empty index')
  await page.keyboard.press('Tab')
  // Contributing factors by category: the gap lands on "Add a factor" while there is none.
  await page.keyboard.press('Control+Enter')
  await page.getByRole('button', { name: 'Send to review' }).press('Enter')
  await gap(page, 'Name at least one contributing factor.').press('Enter')
  await expect(page.getByRole('button', { name: 'Add a factor' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Factor 1', { exact: true })).toBeFocused()
  await page.keyboard.type('No check that the new index has documents before the swap')
  await page.getByLabel('Category of factor 1').selectOption('Detection gap')

  // Back on the post-mortem, the gate runs again: fewer gaps, and the blame-prone phrase noted.
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()
  await page.getByRole('button', { name: 'Send to review' }).press('Enter')
  await expect(gap(page, 'Name who owns this post-mortem.')).toBeHidden()
  await expect(gap(page, 'Write the summary.')).toBeHidden()
  await expect(gate(page)).toContainText('“should have”')
  const anyway = gate(page).getByRole('button', { name: 'Send to review anyway' })
  await expect(anyway).toBeDisabled()
  await gate(page)
    .getByLabel(/go on anyway/)
    .fill('Review meeting is tomorrow; the rest is filled in there')
  await anyway.press('Enter')
  await expect(page.locator('.doc-status')).toHaveText('In review')

  await page.getByRole('button', { name: 'Mark as final' }).press('Enter')
  await gate(page)
    .getByLabel(/go on anyway/)
    .fill('Reviewed with the team')
  await gate(page).getByRole('button', { name: 'Mark as final anyway' }).press('Enter')
  await expect(page.locator('.doc-status')).toHaveText('Final · revision 1')
  // Final means final: the document is read, not edited.
  await expect(editorOf(page)).toHaveAttribute('contenteditable', 'false')
  await expect(page.getByLabel('Owner', { exact: true })).toHaveAttribute('readonly', '')

  // Editing it again starts revision 2.
  await page.getByRole('button', { name: 'Edit again (revision 2)' }).press('Enter')
  await expect(page.locator('.doc-status')).toHaveText('Draft · revision 2')
  await expect(editorOf(page)).toHaveAttribute('contenteditable', 'true')
  await editorOf(page).getByRole('heading', { name: 'Where we got lucky', exact: true }).click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.type('It happened at night, when search traffic is lowest.')
  await page.getByRole('button', { name: 'Send to review' }).press('Enter')
  await gate(page)
    .getByLabel(/go on anyway/)
    .fill('Small correction')
  await gate(page).getByRole('button', { name: 'Send to review anyway' }).press('Enter')
  await page.getByRole('button', { name: 'Mark as final' }).press('Enter')
  await gate(page)
    .getByLabel(/go on anyway/)
    .fill('Small correction')
  await gate(page).getByRole('button', { name: 'Mark as final anyway' }).press('Enter')
  await expect(page.locator('.doc-status')).toHaveText('Final · revision 2')

  // Every revision is kept, with who and when; any two compare line by line.
  await page.getByText('Revisions (2)').press('Enter')
  await expect(page.getByText(/^Revision 1: final .*, by Dana Reyes$/)).toBeVisible()
  await page.getByLabel('Compare').selectOption('Revision 1')
  await page.getByLabel('with', { exact: true }).selectOption('Revision 2')
  const changes = page.getByRole('region', { name: 'Changes' })
  await expect(changes).toContainText('+ It happened at night, when search traffic is lowest.')
  await expect(changes).not.toContainText('+ Search returned nothing')

  const { front, body } = await exported(page)
  expect(front['postmortem']).toEqual({
    status: 'final',
    revision: 2,
    owner: 'Dana',
    facilitator: '',
  })
  expect(body).toContain('Search returned nothing for 40 minutes after an index swap.')
  expect(body).toContain('**Trigger:** A nightly index swap pointed the alias at an empty index')
  expect(body).toContain(
    '- **Detection gap:** No check that the new index has documents before the swap',
  )

  // Going on despite gaps is a decision: on the timeline with its reason, and in the file.
  const timeline = page.getByRole('complementary', { name: 'Timeline' })
  await expect(timeline).toContainText('Post-mortem sent to review despite')
  await expect(timeline).toContainText('Reason: Review meeting is tomorrow')
  expect(body).toContain('Reason: Review meeting is tomorrow')
  // Every step is kept, as bookkeeping.
  await timeline.getByRole('checkbox', { name: 'Show bookkeeping' }).check()
  await expect(timeline).toContainText('Post-mortem final (revision 2)')
})

test('the template is suggested from the incident, can be swapped until the user writes, and the impact table and customer message reach the file', async ({
  page,
}) => {
  await openApp(page)
  await resolveQuickly(page, 'API keys leaked in a public build log')
  const template = page.getByLabel('Template')
  await expect(template).toHaveValue('security')
  await expect(template.locator('option:checked')).toHaveText('Security incident (suggested)')
  await expect(editorOf(page).getByRole('heading', { name: 'Exposure' })).toBeVisible()

  await template.selectOption('near-miss')
  await expect(editorOf(page).getByRole('heading', { name: 'What almost happened' })).toBeVisible()
  await expect(editorOf(page).getByRole('heading', { name: 'Exposure' })).toBeHidden()
  await template.selectOption('standard')
  await expect(editorOf(page).getByRole('table')).toContainText('Minutes at SEV3')

  // Once the user writes, the template stays: nothing they wrote can be thrown away.
  await editorOf(page).getByRole('heading', { name: 'Summary', exact: true }).click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.type('Keys were rotated within the hour.')
  await expect(template).toBeDisabled()

  // Numbers typed into the impact table reach the export, with the drafted messages.
  const usersRow = editorOf(page).getByRole('row', { name: /Users affected/ })
  await usersRow.getByRole('cell').nth(1).click()
  await page.keyboard.type('1200')
  await expect(usersRow).toContainText('1200')
  const { body } = await exported(page)
  expect(body).toContain('| Users affected | 1200 |')
  expect(body).toMatch(/## Customer message\n\nBetween .* some of you were affected by an issue/)
  expect(body).toMatch(/## Internal summary\n\nOn .*: API keys leaked in a public build log\./)
})

test('the post-mortem prints alone, as a PDF a reader can use', async ({ page }) => {
  await openApp(page)
  await resolveQuickly(page, 'Payments page times out')
  await editorOf(page).getByRole('heading', { name: 'Summary', exact: true }).click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.type('Timeouts for 12 minutes after a pool resize.')
  // In a browser, "Export PDF…" opens the print dialog (stubbed here, as headless has none).
  await page.evaluate(() => (window.print = () => ((window as { printed?: number }).printed = 1)))
  await page.getByRole('button', { name: 'Export PDF…' }).click()
  await expect(page.getByText(/^Printed\. To keep a file, choose "Save as PDF"/)).toBeVisible()
  expect(await page.evaluate(() => (window as { printed?: number }).printed)).toBe(1)

  // What prints: the document, without the app around it.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await expect(page.getByRole('complementary', { name: 'Timeline' })).toBeHidden()
  await expect(page.getByRole('region', { name: 'Review' })).toBeHidden()
  await expect(page.getByRole('button', { name: 'Export PDF…' })).toBeHidden()
  await expect(editorOf(page)).toContainText('Timeouts for 12 minutes after a pool resize.')
  const pdf = await page.pdf({ format: 'A4' })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(10_000)
  await page.emulateMedia({ media: 'screen' })
})

test('a team adds its own template as a Markdown file and starts a post-mortem from it', async ({
  page,
}) => {
  await openApp(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Template file').setInputFiles({
    name: 'Blameless review.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      [
        '# Review of {{title}} ({{severity}})',
        '',
        '{{facts}}',
        '',
        '## Story',
        '',
        '{{timeline}}',
        '',
        '## Follow-ups',
        '',
        '{{action-items}}',
        '',
        '## Notes for {{tilte}}',
      ].join('\n'),
    ),
  })
  await expect(page.getByText(/^Added "Blameless review"\. Unknown placeholders/)).toContainText(
    '{{tilte}}',
  )
  await resolveQuickly(page, 'Login page returns 500')
  await expect(editorOf(page)).toContainText('Severity: SEV3')
  await page.getByLabel('Template').selectOption({ label: 'Blameless review' })
  await expect(
    editorOf(page).getByRole('heading', { name: 'Review of Login page returns 500 (SEV3)' }),
  ).toBeVisible()
  await expect(editorOf(page)).toContainText('Severity: SEV3')
  const { body } = await exported(page)
  expect(body).toContain('## Story')
  expect(body).toMatch(/## Story\n\n- \*\*.*\*\* — \*\*Impact started\*\*/)
  expect(body).toContain('## Notes for {{tilte}}')
})
