// Screenshots of the screens in light and dark themes, for looking at a UI change.
// Usage: npm run build && node scripts/screenshots.mjs [name ...]   (PNGs go to test-results/screens/)
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { chromium } from '@playwright/test'
import { seedPage } from '../bench/lib/seed.mjs'
import { chromiumOptions } from './chromium.mjs'
import { newIncident, resolveToPostmortem } from '../test/drive.mjs'

const PORT = 5399
const [width, height] = (process.env.VIEWPORT ?? '1280x800').split('x').map(Number)
const VIEWPORT = { width, height }
const server = spawn(process.execPath, ['scripts/serve-web.mjs', '--port', String(PORT)], {
  stdio: 'inherit',
})
await new Promise((resolve) => setTimeout(resolve, 500))

/** Writes `count` benchmark incidents straight into the page's database, then reloads. */
async function seed(page, count) {
  await seedPage(page, count)
  await page.reload()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
}

/** Each scene: a name and the steps that bring the page to it. */
const scenes = {
  home: async () => {},
  list: async (page) => {
    for (const text of [
      'Checkout returns 502 for EU users',
      'Login is slow',
      'Nightly export failed',
    ]) {
      await newIncident(page, text)
      await page.getByRole('button', { name: 'Incidents' }).click()
    }
  },
  search: async (page) => {
    await scenes.list(page)
    await page.getByLabel('Search incidents').fill('checkout')
    await page.locator('.incident-list[data-query="checkout"]').waitFor()
  },
  'search-none': async (page) => {
    await scenes.list(page)
    await page.getByLabel('Search incidents').fill('zookeeper')
    await page.getByText('No incident matches these filters.').waitFor()
  },
  capture: async (page) => {
    await page.keyboard.press('n')
    await page
      .getByLabel('What is happening?')
      .fill('Checkout returns 502 for EU users since about 14:00')
    await page.getByLabel('Status codes').fill('502')
    await page.keyboard.press('Enter')
  },
  triage: async (page) => {
    await scenes.capture(page)
    await page.keyboard.press('Control+Enter')
    await page.getByRole('radio', { name: /SEV2/ }).check()
  },
  mitigate: async (page) => {
    await scenes.triage(page)
    await page.getByRole('radio', { name: /Roll back/ }).check()
    await page.keyboard.press('Control+Enter')
    await page.getByRole('button', { name: 'Roll back the deploy' }).click()
    await page.getByRole('radio', { name: 'Failed' }).check()
    await page.getByRole('button', { name: 'Log this attempt' }).click()
  },
  diagnose: async (page) => {
    await scenes.mitigate(page)
    await page.keyboard.press('Control+Enter')
    await page.getByText(/Users verified back/).waitFor()
    await page.keyboard.press('Control+Enter')
    await page.getByLabel('Hypothesis', { exact: true }).fill('Config change broke the EU gateway')
    await page.getByRole('button', { name: 'Add hypothesis' }).click()
  },
  postmortem: async (page) => {
    await scenes.fix(page)
    await resolveToPostmortem(page)
    await page.getByLabel('New action item', { exact: true }).fill('Alert on EU 5xx rate')
    await page.getByRole('button', { name: 'Add action item' }).click()
    await page.getByRole('textbox', { name: 'Post-mortem document' }).waitFor()
    await page.locator('.incident-main').evaluate((el) => el.scrollTo({ top: 0 }))
  },
  'blame-flag': async (page) => {
    await scenes.postmortem(page)
    const editor = page.getByRole('textbox', { name: 'Post-mortem document' })
    await editor.getByRole('heading', { name: 'Summary', exact: true }).click()
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.type(
      'A config push dropped EU upstreams. We should have caught it; human error.',
    )
    await editor.getByRole('heading', { name: 'Summary', exact: true }).scrollIntoViewIfNeeded()
  },
  revisions: async (page) => {
    await scenes['review-gate'](page)
    const gate = page.getByRole('region', { name: 'Review checklist' })
    await gate.getByLabel(/go on anyway/).fill('Reviewed in the weekly meeting')
    await gate.getByRole('button', { name: 'Send to review anyway' }).click()
    await page.getByRole('button', { name: 'Mark as final' }).click()
    await gate.getByLabel(/go on anyway/).fill('Reviewed in the weekly meeting')
    await gate.getByRole('button', { name: 'Mark as final anyway' }).click()
    await page.getByRole('button', { name: /Edit again/ }).click()
    const editor = page.getByRole('textbox', { name: 'Post-mortem document' })
    await editor.getByRole('heading', { name: 'Summary', exact: true }).click()
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.type('The EU upstream was missing from the gateway template.')
    await page.getByText('Revisions (1)').click()
    await page.getByRole('region', { name: 'Changes' }).scrollIntoViewIfNeeded()
  },
  factors: async (page) => {
    await scenes.diagnose(page)
    await page.getByRole('button', { name: 'Add a factor' }).click()
    await page.keyboard.type('No alert on regional 5xx rates')
    await page.getByLabel('Category of factor 1').selectOption('Detection gap')
    await page.getByRole('button', { name: 'Add a factor' }).click()
    await page.keyboard.type('The config template had no per-region default')
    await page.getByRole('button', { name: 'Add a factor' }).scrollIntoViewIfNeeded()
  },
  print: async (page) => {
    await scenes['blame-flag'](page)
    await page.emulateMedia({ media: 'print' })
    await page.evaluate(() => window.scrollTo(0, 0))
  },
  services: async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('New service').fill('checkout')
    await page.getByRole('button', { name: 'Add service' }).click()
    await page
      .getByLabel('checkout', { exact: true })
      .fill(
        'Runbook: https://wiki.example.com/checkout\nDashboard: https://grafana.example.com/d/1',
      )
    await page.getByLabel('checkout', { exact: true }).blur()
    await scenes.triage(page)
    await page.getByLabel('Services').fill('checkout')
    await page.keyboard.press('Enter')
    await page.getByLabel('Tags').fill('latency')
    await page.keyboard.press('Enter')
    await page.getByRole('group', { name: 'Kind' }).scrollIntoViewIfNeeded()
  },
  similar: async (page) => {
    await scenes.postmortem(page)
    await page.getByRole('button', { name: 'Incidents' }).click()
    await page.keyboard.press('n')
    await page.getByLabel('What is happening?').fill('Checkout returns 502 for EU users again')
    await page.getByRole('region', { name: 'Seen before?' }).scrollIntoViewIfNeeded()
  },
  'review-gate': async (page) => {
    await scenes.postmortem(page)
    await page.getByRole('button', { name: 'Send to review' }).click()
    await page.getByRole('region', { name: 'Review checklist' }).waitFor()
  },
  prevention: async (page) => {
    await scenes.postmortem(page)
    await page.keyboard.press('Control+Enter')
    await page.getByRole('button', { name: 'Add item' }).first().click()
  },
  fix: async (page) => {
    await scenes.diagnose(page)
    await page.keyboard.press('Control+Enter')
    await page.getByRole('checkbox', { name: /Fix written/ }).check()
  },
  'when-open': async (page) => {
    await scenes.mitigate(page)
    await page.getByRole('button', { name: /^Time of this attempt:/ }).click()
  },
  'timeline-change': async (page) => {
    await scenes.mitigate(page)
    await page.getByRole('button', { name: /^Change entry: Mitigation/ }).click()
  },
  reclassified: async (page) => {
    await scenes.diagnose(page)
    await page.getByLabel('Severity (reclassify)').selectOption('SEV1')
    await page.getByRole('button', { name: /^Time of the severity change:/ }).click()
  },
  'edit-attempt': async (page) => {
    await scenes.mitigate(page)
    await page.getByRole('button', { name: /^Edit attempt:/ }).click()
  },
  monitoring: async (page) => {
    await scenes.fix(page)
    await page.getByRole('checkbox', { name: /^Deployed/ }).check()
    await page.getByText('Monitoring until').waitFor()
  },
  palette: async (page) => page.keyboard.press('Control+k'),
  about: async (page) => page.getByRole('button', { name: 'About' }).click(),
  settings: async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    // Its code loads on demand (while idle after start, or at the first click).
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
  },
  'settings-postmortems': async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Post-mortems' }).scrollIntoViewIfNeeded()
  },
  'settings-data': async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('button', { name: 'Export CSV files…' }).scrollIntoViewIfNeeded()
  },
  'settings-team': async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page
      .getByRole('heading', { name: 'Team', exact: true })
      .evaluate((el) => el.scrollIntoView())
  },
  // The desktop's Settings → Team (hosting, the keyring) in a browser: the preload's
  // `window.steady` stood in for by answers like the main process's.
  'settings-team-desktop': async (page) => {
    await page.addInitScript(() => {
      const host = {
        hosting: null,
        address: '127.0.0.1',
        port: 1234,
        addresses: ['127.0.0.1', '192.168.1.20'],
        problem: null,
      }
      const answers = {
        'app.getInfo': {
          name: 'Steady',
          version: '1.0.0',
          platform: 'linux',
          dataPath: '~/.config/Steady',
        },
        'reminders.sync': [],
        'backup.list': [],
        'git.list': [],
        'desktop.getPreferences': {
          closeToTray: true,
          openAtLogin: false,
          quickCaptureShortcut: 'CommandOrControl+Shift+I',
          shortcutRegistered: true,
        },
        'team.hostStatus': host,
        'team.host': host,
      }
      const api = (path) =>
        new Proxy(() => undefined, {
          get: (_, key) => api(path ? `${path}.${String(key)}` : String(key)),
          apply: () =>
            path.startsWith('events.') ? () => undefined : Promise.resolve(answers[path] ?? null),
        })
      window.steady = api('')
    })
    await page.reload()
    await scenes['settings-team'](page)
    await page.getByRole('radio', { name: 'Host it on this computer' }).check()
  },
  'settings-reminders': async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('group', { name: 'Quiet hours' }).scrollIntoViewIfNeeded()
  },
  reminders: async (page) => {
    await page.clock.install({ time: new Date('2026-11-26T14:00:00Z') })
    await page.reload()
    for (const text of ['Orders stuck in pending', 'Login is slow', 'Search index stale']) {
      await page.keyboard.press('n')
      await page.getByLabel('What is happening?').fill(text)
      await page.getByRole('button', { name: 'Incidents' }).click()
    }
    await page.clock.fastForward('06:00')
    await page.getByRole('button', { name: /Reminders/ }).click()
  },
  // A snooze the storage refuses: its incident removed underneath (around the app, so the list
  // does not hear of it), then snoozed.
  'reminder-refused': async (page) => {
    await scenes.reminders(page)
    const group = page.getByRole('region', { name: 'Orders stuck in pending' })
    await group.waitFor()
    await page.evaluate(async () => {
      const db = await new Promise((resolve) => {
        const r = indexedDB.open('steady')
        r.onsuccess = () => resolve(r.result)
      })
      const tx = db.transaction('incidents', 'readwrite')
      const store = tx.objectStore('incidents')
      const all = await new Promise(
        (resolve) => (store.getAll().onsuccess = (e) => resolve(e.target.result)),
      )
      store.delete(all.find((i) => JSON.stringify(i).includes('Orders stuck in pending')).id)
      await new Promise((resolve) => (tx.oncomplete = resolve))
      db.close()
    })
    await group
      .getByRole('button', { name: /^Snooze 1 hour/ })
      .first()
      .click()
    await page.getByRole('alert').waitFor()
  },
  limits: async (page) => {
    await scenes.capture(page)
    await page.getByLabel('How exactly?').fill('PagerDuty alert checkout-5xx-eu. '.repeat(58))
    await page.getByLabel('Status codes').fill('502 Bad Gateway from LB')
    await page.getByText(/this holds 20\./).scrollIntoViewIfNeeded()
  },
  conflict: async (page) => {
    await scenes.capture(page)
    const other = await page.context().newPage()
    await other.goto(page.url())
    await other.getByRole('button', { name: 'Incidents' }).click()
    await other.getByRole('button', { name: /Checkout returns 502/ }).click()
    await page.getByLabel('How exactly?').fill('Customer email to support')
    await other.getByLabel('How exactly?').fill('PagerDuty: checkout-5xx')
    await other.getByRole('status').filter({ hasText: 'another window' }).waitFor()
    await other.screenshot({ path: 'test-results/screens/conflict-other.png' })
  },
  'import-refused': async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('Import file').setInputFiles({
      name: 'steady-export.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"steady-export","version":1,"schemaVersion":99}'),
    })
    await page.getByText(/made by a newer Steady/).scrollIntoViewIfNeeded()
  },
  shortcuts: async (page) => {
    await scenes.capture(page)
    await page.evaluate(() => document.activeElement?.blur())
    await page.keyboard.press('?')
  },
  drawer: async (page) => {
    await scenes.triage(page)
    await page.getByRole('button', { name: 'Timeline' }).click()
  },
  'palette-incident': async (page) => {
    await scenes.triage(page)
    await page.keyboard.press('Control+k')
    await page.keyboard.type('sev')
  },
  // More incidents than search holds whole: the list says which are searched by headline only.
  'search-long-history': async (page) => {
    await seed(page, 2_100)
    const search = page.getByLabel('Search incidents')
    await search.fill('checkout')
    await page.getByText(/searched by title, symptoms/).waitFor({ timeout: 120_000 })
  },
  // An incident that spans days, reviewed later: each time in the timeline carries its date.
  'timeline-dated': async (page) => {
    await seed(page, 50)
    await page.getByLabel('Search incidents').fill('Benchmark incident with many events')
    await page.getByRole('button', { name: /Benchmark incident with many events/ }).click()
    await page.locator('.phase-goal').waitFor()
    const entries = page.getByRole('list', { name: 'Timeline entries' })
    // In a narrow window the timeline is a drawer, closed until asked for.
    if (!(await entries.isVisible())) await page.getByRole('button', { name: 'Timeline' }).click()
    await entries.waitFor()
  },
  metrics: async (page) => {
    await seed(page, 300)
    await page.getByRole('button', { name: 'Metrics' }).click()
    await page.getByLabel('Period').selectOption('last-year')
    await page.getByText('Show the numbers').first().waitFor()
  },
  // A period of the user's own days: its From and to fields beside the other choices.
  'metrics-custom': async (page) => {
    await scenes.metrics(page)
    await page.getByLabel('Period').selectOption('custom')
    await page.getByLabel('From', { exact: true }).fill('2026-01-01')
  },
  'metrics-durations': async (page) => {
    await scenes.metrics(page)
    await page
      .getByRole('heading', { name: 'How long it took' })
      .evaluate((el) => el.scrollIntoView({ block: 'start' }))
  },
  'metrics-tallies': async (page) => {
    await scenes.metrics(page)
    await page.getByText('Follow-through').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  },
  'side-by-side': async (page) => {
    await scenes.postmortem(page)
    await page.getByRole('button', { name: 'Incidents', exact: true }).click()
    await page.keyboard.press('n')
    await page.getByLabel('What is happening?').fill('Checkout returns 502 for EU users again')
    await page
      .getByRole('button', { name: /side by side/ })
      .first()
      .click()
  },
  'saved-filter': async (page) => {
    await scenes.list(page)
    await page.getByLabel('Search incidents').fill('checkout')
    await page.getByRole('button', { name: 'Save filter…' }).click()
    await page.getByLabel('Name for this filter').fill('Checkout watch')
    await page.keyboard.press('Enter')
  },
  'csv-import': async (page) => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('CSV file to import').setInputFiles({
      name: 'history.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Incident,Date,Sev,Component,Ended\n"Checkout down, EU",2025-03-01 09:00,SEV2,checkout,2025-03-01 10:30\nSearch stale,2025-02-30 08:00,3,search,\n',
      ),
    })
  },
  'action-items': async (page) => {
    await scenes.postmortem(page)
    await page.getByLabel('Owner of Alert on EU 5xx rate').fill('sam')
    await page.getByLabel('Owner of Alert on EU 5xx rate').blur()
    await page.getByRole('button', { name: 'Action items' }).click()
  },
  /** A long history's outstanding items: fifty at a time, and the button for more. */
  'action-items-many': async (page) => {
    await seed(page, 600)
    await page.getByRole('button', { name: 'Action items' }).click()
    await page.getByRole('button', { name: /^Show 25 more action items/ }).scrollIntoViewIfNeeded()
  },
}

const wanted = process.argv.slice(2)
const browser = await chromium.launch(chromiumOptions)
await mkdir('test-results/screens', { recursive: true })
try {
  for (const [name, reach] of Object.entries(scenes)) {
    if (wanted.length && !wanted.includes(name)) continue
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: VIEWPORT, colorScheme })
      const page = await context.newPage()
      await page.goto(`http://127.0.0.1:${PORT}/`)
      await page.getByRole('navigation', { name: 'Main' }).waitFor()
      page.setDefaultTimeout(5000)
      try {
        await reach(page)
      } catch (error) {
        console.error(`${name} (${colorScheme}): ${error.message.split('\n')[0]}`)
      }
      await page.waitForTimeout(150)
      await page.screenshot({ path: `test-results/screens/${name}-${colorScheme}.png` })
      await context.close()
    }
  }
} finally {
  await browser.close()
  server.kill()
}
