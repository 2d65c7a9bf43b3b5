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
  await expect(
    seen.getByRole('button', { name: /Checkout returns 502 for EU users/ }),
  ).toBeVisible()

  // One more, worded like the open one: Capture asks whether it is the same incident.
  await page.getByRole('button', { name: 'Incidents' }).click()
  await newIncident(page, 'Payment page slow for EU users')
  const warning = page.getByRole('status').filter({ hasText: 'This looks like' })
  await expect(warning).toContainText('Payment page slow for EU users')
  await warning.getByRole('button', { name: 'Open that one' }).click()
  await expect(
    page.getByRole('heading', { name: 'Payment page slow for EU users', level: 1 }),
  ).toBeVisible()
})
