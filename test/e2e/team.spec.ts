import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startSyncServer, type RunningSyncServer } from '../../src/main/sync/sync-server'
import { expect, test } from './fixtures'
import { generateDataset } from '../../bench/generate.mjs'
import {
  countRows,
  newIncident,
  openApp,
  phaseHeading,
  resolveQuickly,
  seedDatabase,
} from './helpers'

const SECRET = 'correct horse battery staple'
let dir: string
let server: RunningSyncServer

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'steady-e2e-team-'))
  server = await startSyncServer({ dir, secret: SECRET, port: 0 })
})
test.afterAll(async () => {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

// Each teammate is a browser context of its own; the fixture's page is not one of them.
test.describe.configure({ timeout: 60_000 })
test.beforeEach(({ page }) => page.close())

/** A teammate's screen showing an incident, opened from the list. */
async function openOnScreen(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Incidents', exact: true }).click()
  await page.getByRole('button', { name: new RegExp(title) }).click()
}

/** A sync server of one test's own (to stop and start again, or to fill with a history). */
async function ownServer() {
  const ownDir = await mkdtemp(path.join(os.tmpdir(), 'steady-e2e-own-'))
  const own = {
    server: await startSyncServer({ dir: ownDir, secret: SECRET, port: 0 }),
    restart: async () => {
      own.server = await startSyncServer({ dir: ownDir, secret: SECRET, port: own.server.port })
    },
    close: async () => {
      await own.server.stop()
      await rm(ownDir, { recursive: true, force: true })
    },
  }
  return own
}

/**
 * What teammates' pages log as errors (the fixture watches only its own page). A WebSocket that
 * cannot reach a stopped server is Chromium's own line, and expected while offline.
 */
const pageErrors: string[] = []
test.afterEach(() => {
  const errors = pageErrors.splice(0).filter((e) => !/^WebSocket connection to .* failed/.test(e))
  expect(errors, 'console errors on teammates’ pages').toEqual([])
})

/** A teammate's app: its own browser storage, joined to the team through Settings. */
async function teammate(
  browser: Browser,
  name: string,
  history?: Parameters<typeof seedDatabase>[1],
  url = server.url,
): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  page.on('console', (m) => void (m.type() === 'error' && pageErrors.push(m.text())))
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await openApp(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Sync server').fill(url)
  await page.getByLabel('Team secret').fill(SECRET)
  await page.getByLabel('Name shown to the team').fill(name)
  await page.getByRole('button', { name: 'Join the team' }).click()
  await expect(page.getByText(`as ${name}.`)).toBeVisible()
  if (history) {
    // A history written before this app ran in the team: shared when it next starts.
    await seedDatabase(page, history)
    await page.reload()
  }
  await expect(
    page.getByRole('status').filter({ hasText: 'Synced with the team' }).first(),
  ).toBeVisible({ timeout: 20_000 })
  return page
}

test('a mitigation logged by one teammate shows on the other’s screen; a late joiner gets it all', async ({
  browser,
}) => {
  const ana = await teammate(browser, 'Ana')
  const ben = await teammate(browser, 'Ben')

  await newIncident(ana, 'Checkout returns 502 for EU users')
  await ana.keyboard.press('Control+Enter')
  await expect(phaseHeading(ana, 'How bad is it, and who is affected?')).toBeVisible()
  await ana.getByRole('radio', { name: /^SEV2/ }).check()
  await ana.getByRole('radio', { name: /^Roll back/ }).check()
  await ana.keyboard.press('Control+Enter')
  await expect(phaseHeading(ana, 'Stop the bleeding.')).toBeVisible()

  await openOnScreen(ben, 'Checkout returns 502 for EU users')
  await ana.getByLabel('Action', { exact: true }).fill('Roll back deploy 4812')
  await ana.getByRole('button', { name: 'Log this attempt' }).click()
  await expect(ben.getByText('Roll back deploy 4812').first()).toBeVisible({ timeout: 3000 })
  // Owner fields offer the team's people.
  await expect(ben.locator('datalist#team-people option[value="Ana"]')).toHaveCount(1)

  const cy = await teammate(browser, 'Cy')
  await openOnScreen(cy, 'Checkout returns 502 for EU users')
  await expect(cy.getByText('Roll back deploy 4812').first()).toBeVisible()
})

test('two teammates type in the same post-mortem at once, and each sees both', async ({
  browser,
}) => {
  const ana = await teammate(browser, 'Ana')
  const ben = await teammate(browser, 'Ben')
  await resolveQuickly(ana, 'Login fails after the auth deploy')
  const doc = (p: Page) => p.getByRole('textbox', { name: 'Post-mortem document' })
  await expect(doc(ana)).toBeVisible()

  await openOnScreen(ben, 'Login fails after the auth deploy')
  await expect(doc(ben)).toContainText('Login fails after the auth deploy')

  // Both at the end of the document, typing at the same time.
  for (const p of [ana, ben]) {
    await doc(p).click()
    await p.keyboard.press('Control+End')
  }
  await Promise.all([
    ana.keyboard.type(' Ana: the token cache expired.', { delay: 15 }),
    ben.keyboard.type(' Ben: no alert on login errors.', { delay: 15 }),
  ])
  for (const p of [ana, ben]) {
    await expect(doc(p)).toContainText('Ana: the token cache expired.')
    await expect(doc(p)).toContainText('Ben: no alert on login errors.')
  }
  // Each sees where the other is, by name.
  await expect(doc(ana).getByText('Ben', { exact: true })).toBeVisible({ timeout: 10_000 })
  await expect(doc(ben).getByText('Ana', { exact: true })).toBeVisible({ timeout: 10_000 })
  // And the document says who wrote in it.
  for (const p of [ana, ben]) await expect(p.getByText('Written by Ana and Ben.')).toBeVisible()
})

test('a teammate’s whole history reaches a new teammate, while reminders fire as it is shared', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  // Years of incidents, some with reminders due: the app starts, shares them all, and meanwhile
  // fires the reminders (writes), which must not keep any incident from being shared.
  const history = generateDataset(1000, { eventsPer: 8, bigEvents: 8, busy: true })
  const own = await ownServer()
  try {
    const ana = await teammate(browser, 'Ana', history, own.server.url)
    expect(await countRows(ana, 'incidents')).toBe(1000)
    const ben = await teammate(browser, 'Ben', undefined, own.server.url)
    await expect.poll(() => countRows(ben, 'incidents'), { timeout: 20_000 }).toBe(1000)
    await expect.poll(() => countRows(ben, 'events')).toBe(await countRows(ana, 'events'))
  } finally {
    await own.close()
  }
})

test('the server goes away mid-incident: work goes on, the status says so, and it all arrives when it is back', async ({
  browser,
}) => {
  const own = await ownServer()
  try {
    const ana = await teammate(browser, 'Ana', undefined, own.server.url)
    const ben = await teammate(browser, 'Ben', undefined, own.server.url)
    await newIncident(ana, 'Queue backs up in the EU region')
    await openOnScreen(ben, 'Queue backs up in the EU region')

    await own.server.stop()
    await ana.getByPlaceholder('Add a note…').fill('Drained the queue by hand')
    await ana.getByRole('button', { name: 'Add note' }).click()
    // Written here at once, and waiting for the server: Settings says so.
    await expect(ana.getByText('Drained the queue by hand').first()).toBeVisible()
    await ana.getByRole('button', { name: 'Settings' }).click()
    const status = ana.getByRole('region', { name: 'Team' }).getByRole('status')
    await expect(status).toContainText(/Offline since \d\d:\d\d · 1 change waiting/)

    await own.restart()
    await expect(ben.getByText('Drained the queue by hand').first()).toBeVisible({
      timeout: 20_000,
    })
    await expect(status).toHaveText('Synced with the team', { timeout: 20_000 })
  } finally {
    await own.close()
  }
})
