import { expect, test } from './fixtures'
import { expectAccessible, newIncident, openApp, phaseHeading, resolveQuickly } from './helpers'

test('services keep their links; an incident naming one has its runbook one keystroke away', async ({
  page,
}) => {
  await openApp(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('New service').fill('checkout')
  await page.getByRole('button', { name: 'Add service' }).click()
  const links = page.getByLabel('checkout', { exact: true })
  await links.fill(
    'Runbook: https://wiki.example.com/runbooks/checkout\nDashboard: https://grafana.example.com/d/checkout\nEvil: javascript:alert(1)',
  )
  await links.blur()
  await expect(page.getByText(/^Not saved, as they are not links Steady opens/)).toContainText(
    'Evil: javascript:alert(1)',
  )
  await expectAccessible(page, 'settings with services')

  await newIncident(page, 'Checkout slow for some users')
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
  await page.getByLabel('Services').fill('checkout')
  await page.keyboard.press('Enter')
  await page.getByLabel('Tags').fill('latency')
  await page.keyboard.press('Enter')
  await page.getByRole('radio', { name: /^Near miss/ }).check()

  const bar = page.getByRole('navigation', { name: 'Service links' })
  await expect(bar.getByRole('button', { name: 'Runbook · checkout' })).toBeVisible()
  await expect(bar.getByRole('button')).toHaveCount(2)
  // From the palette, through the link allowlist (a browser opens a new tab; no network here).
  await page
    .context()
    .route('https://wiki.example.com/**', (route) => route.fulfill({ body: 'runbook' }))
  const popup = page.waitForEvent('popup')
  await page.keyboard.press('Control+k')
  await page.keyboard.type('Open Runbook for checkout')
  await page.keyboard.press('Enter')
  expect((await popup).url()).toBe('https://wiki.example.com/runbooks/checkout')

  // Labelled in the list, and found by its tag.
  await page.getByRole('button', { name: 'Incidents' }).click()
  const row = page.getByRole('list', { name: 'Incidents' }).getByRole('button').first()
  await expect(row).toContainText('Near miss')
  await page.getByLabel('Search incidents').fill('latency')
  await expect(page.getByRole('list', { name: 'Incidents' }).getByRole('button')).toHaveCount(1)
  // A filter narrows a search's matches too.
  await page.getByLabel('Kind').selectOption('incident')
  await expect(page.getByText('No incident matches these filters.')).toBeVisible()
  await page.getByLabel('Kind').selectOption('near-miss')
  await expect(page.getByRole('list', { name: 'Incidents' }).getByRole('button')).toHaveCount(1)
  await page.getByLabel('Kind').selectOption('')
  await page.getByLabel('Search incidents').fill('')
  // Filters: by kind, service and tag; near misses are kept apart from incidents.
  await page.getByLabel('Kind').selectOption('incident')
  await expect(page.getByText('No incident matches these filters.')).toBeVisible()
  await page.getByLabel('Kind').selectOption('near-miss')
  await page.getByLabel('Service').selectOption('checkout')
  await page.getByLabel('Tag').selectOption('latency')
  await expect(page.getByRole('list', { name: 'Incidents' }).getByRole('button')).toHaveCount(1)
})

test('capturing a new incident shows similar past ones, and warns of an open one that looks the same', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await openApp(page)
  await resolveQuickly(page, 'Checkout returns 502 for EU users at payment')
  await page.getByRole('button', { name: 'Incidents' }).click()
  await newIncident(page, 'Payment page slow for EU users')
  await page.getByRole('button', { name: 'Incidents' }).click()

  // A new incident that reads like the resolved one: it is listed, with a way to open it.
  await newIncident(page, 'Checkout returns 502 at payment for EU customers')
  const seen = page.getByRole('region', { name: 'Seen before?' })
  // Side by side: the past incident's facts next to this one, which stays where it is.
  await seen
    .getByRole('button', { name: /Checkout returns 502 for EU users.*side by side/ })
    .click()
  const peek = page.getByRole('complementary', {
    name: 'Checkout returns 502 for EU users at payment',
  })
  await expect(peek).toContainText('Resolved after')
  await expect(page.getByLabel('What is happening?')).toHaveValue(
    'Checkout returns 502 at payment for EU customers',
  )
  await expectAccessible(page, 'side by side')
  await page.keyboard.press('Escape')
  await expect(peek).toHaveCount(0)

  // One more, worded like the open one: Capture asks whether it is the same incident.
  await page.getByRole('button', { name: 'Incidents' }).click()
  await newIncident(page, 'Payment page slow for EU users')
  const warning = page.getByRole('status').filter({ hasText: 'This looks like' })
  await expect(warning).toContainText('Payment page slow for EU users')
  // Linked: the warning is answered, and each incident names the other.
  await warning.getByRole('button', { name: 'Link them' }).click()
  await expect(warning).toHaveCount(0)
  await expect(page.getByText('Linked as possibly the same incident:')).toBeVisible()
  await page
    .getByText('Linked as possibly the same incident:')
    .getByRole('button', { name: 'Payment page slow for EU users' })
    .click()
  await page
    .getByRole('complementary', { name: 'Payment page slow for EU users' })
    .getByRole('button', { name: 'Open it' })
    .click()
  await expect(
    page.getByRole('heading', { name: 'Payment page slow for EU users', level: 1 }),
  ).toBeVisible()
  await expect(
    page.getByText('Linked with “Payment page slow for EU users”: possibly the same incident.'),
  ).toBeVisible()
})

test('a search and filters saved by name sit in the sidebar, survive a reload, and can be deleted', async ({
  page,
}) => {
  await openApp(page)
  const home = page.getByRole('button', { name: 'Incidents', exact: true })
  for (const text of ['Checkout returns 502', 'Login is slow']) {
    await newIncident(page, text)
    await home.click()
  }
  await page.getByLabel('Search incidents').fill('checkout')
  await page.getByRole('button', { name: 'Save filter…' }).click()
  await page.getByLabel('Name for this filter').fill('Payments watch')
  await page.keyboard.press('Enter')
  const saved = page
    .getByRole('list', { name: 'Saved filters' })
    .getByRole('button', { name: 'Payments watch' })
  await expect(saved).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incidents: Payments watch')
  await expect(page.getByRole('button', { name: /Login is slow/ })).toHaveCount(0)

  await home.click()
  await expect(page.getByLabel('Search incidents')).toHaveValue('')
  await expect(page.getByRole('button', { name: /Login is slow/ })).toBeVisible()
  await page.reload()
  await saved.click()
  await expect(page.getByLabel('Search incidents')).toHaveValue('checkout')
  await expect(page.getByRole('button', { name: /Checkout returns 502/ })).toBeVisible()
  await expect(page.getByRole('button', { name: /Login is slow/ })).toHaveCount(0)

  await page.getByRole('button', { name: 'Delete saved filter' }).click()
  await expect(page.getByRole('list', { name: 'Saved filters' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Login is slow/ })).toBeVisible()
})

test('a search never says nothing matches before the search index has answered it', async ({
  page,
}) => {
  await openApp(page)
  await newIncident(page, 'Checkout slow for some users')
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
  await page.getByRole('button', { name: 'Incidents' }).click()
  const list = page.getByRole('list', { name: 'Incidents' })
  await expect(list.getByRole('button')).toHaveCount(1)
  // Every line the page shows while the query is answered (the index answers from its worker,
  // a moment after the keystroke: at 100,000 incidents, a tenth of a second).
  await page.evaluate(() => {
    const seen: { line: string; answers: string | undefined; typed: string }[] = []
    ;(window as unknown as { seen: typeof seen }).seen = seen
    const box = document.querySelector<HTMLInputElement>('input[type="search"]')
    new MutationObserver(() => {
      const empty = document.querySelector<HTMLElement>('.empty-filter')
      const line = empty?.textContent ?? ''
      if (line) seen.push({ line, answers: empty?.dataset.query, typed: box?.value ?? '' })
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })
  await page.getByLabel('Search incidents').fill('checkout')
  await expect(list.getByRole('button')).toHaveCount(1)
  await page.getByLabel('Search incidents').fill('zookeeper')
  await expect(page.getByText('No incident matches these filters.')).toBeVisible()
  const seen = await page.evaluate(
    () => (window as unknown as { seen: { line: string; answers?: string; typed: string }[] }).seen,
  )
  // 'Searching…' while waiting; 'No incident matches' only as the answer to what was typed.
  const none = seen.filter((s) => s.line.startsWith('No incident'))
  expect(none.length).toBeGreaterThan(0)
  for (const shown of none)
    expect(shown).toMatchObject({ answers: 'zookeeper', typed: 'zookeeper' })
})
