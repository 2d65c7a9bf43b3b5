import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { expectAccessible, newIncident, openApp, resolveQuickly } from './helpers'

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

test('the shell renders its navigation and the incidents screen', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
})

test('the command palette opens from the keyboard and runs a command', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible()
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await expect(palette.getByRole('combobox', { name: 'Search commands' })).toBeFocused()
  await page.keyboard.type('settings')
  await expect(palette.getByRole('option')).toHaveText([/Open settings/])
  await page.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()

  await page.keyboard.press('Control+k')
  await expect(palette).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(palette).toBeHidden()
})

test('the palette is the whole keyboard surface: fuzzy, with the incident actions, recent incidents and a shortcut sheet', async ({
  page,
}) => {
  await openApp(page)
  await resolveQuickly(page, 'Nightly export failed')
  await page.getByRole('button', { name: 'Incidents' }).click()
  await newIncident(page, 'Checkout returns 502 for EU users')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  const search = palette.getByRole('combobox', { name: 'Search commands' })

  // An action of the incident on screen, found by a sloppy query.
  await page.keyboard.press('Control+k')
  await search.fill('sev1')
  await expect(palette.getByRole('option').first()).toHaveText('Set severity to SEV1')
  await page.keyboard.press('Enter')
  await expect(page.getByText('SEV1', { exact: true }).first()).toBeVisible()

  // A recent incident to jump to.
  await page.keyboard.press('Control+k')
  await search.fill('nightly')
  await expect(palette.getByRole('option').first()).toHaveText('Go to Nightly export failed')
  await page.keyboard.press('Enter')
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nightly export failed', exact: true }),
  ).toBeVisible()

  // Words abbreviated and out of order still find the post-mortem's export.
  await page.keyboard.press('Control+k')
  await search.fill('exp md')
  await expect(palette.getByRole('option').first()).toHaveText('Export Markdown…')
  await page.keyboard.press('Escape')

  // "?" lists every shortcut, the phase's Ctrl+Enter among them.
  await page.locator('body').press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toContainText('Ctrl+Enter')
  await expect(sheet).toContainText('Open command palette')
  await expectAccessible(page, 'shortcut sheet')
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
})

test('the About panel shows the version and where the data lives', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'About' }).click()
  const about = page.getByRole('dialog', { name: 'About Steady' })
  await expect(about).toContainText(`Version${version}`)
  await expect(about).toContainText("This browser's storage for http://127.0.0.1")
  await about.getByRole('button', { name: 'Close' }).click()
  await expect(about).toBeHidden()
})

test('the theme follows the setting', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto('/')
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})

test('the Content-Security-Policy blocks an injected inline script', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible()
  const result = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
        once: true,
      }),
    )
    const script = document.createElement('script')
    script.textContent = 'window.__steadyInjected = true'
    document.body.append(script)
    const handler = document.createElement('img')
    handler.setAttribute('onerror', 'window.__steadyInjected = true')
    handler.src = 'data:,'
    document.body.append(handler)
    return {
      directive: await violation,
      ran: (window as unknown as { __steadyInjected?: boolean }).__steadyInjected === true,
    }
  })
  expect(result.ran).toBe(false)
  expect(result.directive).toMatch(/^script-src/)
  // The browser reports the blocked script as a console error; that one is expected here.
  consoleErrors.splice(0, consoleErrors.length)
})
