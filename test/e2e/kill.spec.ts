/**
 * A kill mid-typing: the whole browser is SIGKILLed (what a crash, an OOM kill or a power cut does)
 * while someone types without pausing, then started again on the same profile. At most the last
 * second of typing may be lost, in a field and in the post-mortem.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromiumOptions } from '../../scripts/chromium.mjs'
import { expect, test } from './fixtures'
import { resolveQuickly } from './helpers'

const launch = (dir: string) => chromium.launchPersistentContext(dir, { ...chromiumOptions })

/** SIGKILL every process of the browser that uses this profile. */
function killBrowser(dir: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (command.includes(`--user-data-dir=${dir}`)) process.kill(Number(pid), 'SIGKILL')
    } catch {
      // Gone already (with its parent), or not ours to read.
    }
  }
}

/** Crashes the page's renderer process alone (as a renderer bug or an OOM kill of the tab does). */
function crashRenderer(context: BrowserContext, page: Page): Promise<void> {
  return context.newCDPSession(page).then((cdp) => {
    // The command never answers: the process it would answer from is gone.
    void cdp.send('Page.crash').catch(() => undefined)
  })
}

/**
 * Types `text` a key at a time until `killAfterMs`, then kills the browser (or, given `kill`, does
 * that instead). Returns when each character was sent, so what was lost can be compared with the
 * last second of typing.
 */
async function typeUntilKilled(
  page: Page,
  dir: string,
  text: string,
  killAfterMs: number,
  kill: () => Promise<void> | void = () => killBrowser(dir),
) {
  const sentAt: number[] = []
  const start = Date.now()
  for (const char of text) {
    if (Date.now() - start > killAfterMs) break
    await page.keyboard.type(char)
    sentAt.push(Date.now())
    await new Promise((r) => setTimeout(r, 40))
  }
  const killedAt = Date.now()
  await kill()
  return { sent: text.slice(0, sentAt.length), sentAt, killedAt }
}

const TEXT =
  'The gateway dropped the EU upstream after deploy 4182 and every retry made it worse. '.repeat(8)

/** What survived: the longest beginning of what was typed that the document holds. */
function keptOf(sent: string, text: string): string {
  let kept = ''
  while (kept.length < sent.length && text.includes(sent.slice(0, kept.length + 1)))
    kept = sent.slice(0, kept.length + 1)
  return kept
}

/** The characters typed in the last second before the kill: what may be lost. */
const lastSecond = (sentAt: number[], killedAt: number) =>
  sentAt.filter((t) => t > killedAt - 1_000).length

test.describe('a kill mid-typing', () => {
  test.describe.configure({ mode: 'serial' })
  let dir = ''
  let context: BrowserContext | undefined
  test.beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'steady-kill-'))
  })
  test.afterEach(async () => {
    await context?.close().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  })

  for (const killAfterMs of [2_300, 3_700]) {
    test(`loses at most the last second of a field (killed after ${killAfterMs} ms)`, async ({
      baseURL,
    }) => {
      test.setTimeout(60_000)
      context = await launch(dir)
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto(`${baseURL}/`)
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
      await page.keyboard.press('n')
      const field = page.getByLabel('What is happening?')
      await expect(field).toBeFocused()
      const { sent, sentAt, killedAt } = await typeUntilKilled(page, dir, TEXT, killAfterMs)
      await context.close().catch(() => undefined)

      context = await launch(dir)
      const again = context.pages()[0] ?? (await context.newPage())
      await again.goto(`${baseURL}/`)
      await expect(again.getByRole('navigation', { name: 'Main' })).toBeVisible()
      // The list names the incident by what was typed; open it wherever the app started.
      await again.getByRole('button', { name: 'Incidents' }).click()
      await again.getByRole('button', { name: /The gateway dropped/ }).click()
      const kept = await again.getByLabel('What is happening?').inputValue()
      expect(sent.startsWith(kept), 'what survived is what was typed').toBe(true)
      const lost = sent.length - kept.length
      expect(lost, `lost ${lost} of ${sent.length}`).toBeLessThanOrEqual(
        lastSecond(sentAt, killedAt),
      )
    })
  }

  test('loses at most the last second of the post-mortem', async ({ baseURL }) => {
    test.setTimeout(90_000)
    context = await launch(dir)
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${baseURL}/`)
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
    await resolveQuickly(page, 'Kill during the post-mortem')
    const editor = page.getByRole('textbox', { name: 'Post-mortem document' })
    // The document is stored before typing starts (its first save comes with the first visit).
    await expect(page.getByText('Saved', { exact: true })).toBeVisible()
    await editor.getByRole('heading', { name: 'Lessons', exact: true }).click()
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowDown')
    const { sent, sentAt, killedAt } = await typeUntilKilled(page, dir, TEXT, 3_100)
    await context.close().catch(() => undefined)

    context = await launch(dir)
    const again = context.pages()[0] ?? (await context.newPage())
    await again.goto(`${baseURL}/`)
    await expect(again.getByRole('navigation', { name: 'Main' })).toBeVisible()
    await again.getByRole('button', { name: 'Incidents' }).click()
    await again.getByRole('button', { name: /Kill during the post-mortem/ }).click()
    const doc = again.getByRole('textbox', { name: 'Post-mortem document' })
    await expect(doc).toBeVisible()
    const lost = sent.length - keptOf(sent, (await doc.textContent()) ?? '').length
    expect(lost, `lost ${lost} of ${sent.length}`).toBeLessThanOrEqual(lastSecond(sentAt, killedAt))
  })

  test('a renderer crash loses at most the last second, in a field and in the post-mortem', async ({
    baseURL,
  }) => {
    test.setTimeout(90_000)
    context = await launch(dir)
    const browser = context
    let page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${baseURL}/`)
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
    await page.keyboard.press('n')
    await expect(page.getByLabel('What is happening?')).toBeFocused()
    let typed = await typeUntilKilled(page, dir, TEXT, 2_100, () => crashRenderer(browser, page))
    await expect.poll(() => page.evaluate(() => 'alive').catch(() => 'crashed')).toBe('crashed')

    // The browser lives on; a new tab opens the same data.
    page = await context.newPage()
    await page.goto(`${baseURL}/`)
    await page.getByRole('button', { name: 'Incidents' }).click()
    await page.getByRole('button', { name: /The gateway dropped/ }).click()
    const kept = await page.getByLabel('What is happening?').inputValue()
    expect(typed.sent.startsWith(kept), 'what survived is what was typed').toBe(true)
    const lost = typed.sent.length - kept.length
    expect(lost, `field: lost ${lost} of ${typed.sent.length}`).toBeLessThanOrEqual(
      lastSecond(typed.sentAt, typed.killedAt),
    )

    await page.getByRole('button', { name: 'Incidents' }).click()
    await resolveQuickly(page, 'Crash during the post-mortem')
    await expect(page.getByText('Saved', { exact: true })).toBeVisible()
    const editor = page.getByRole('textbox', { name: 'Post-mortem document' })
    await editor.getByRole('heading', { name: 'Lessons', exact: true }).click()
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowDown')
    typed = await typeUntilKilled(page, dir, TEXT, 2_700, () => crashRenderer(browser, page))

    page = await context.newPage()
    await page.goto(`${baseURL}/`)
    await page.getByRole('button', { name: 'Incidents' }).click()
    await page.getByRole('button', { name: /Crash during the post-mortem/ }).click()
    const doc = page.getByRole('textbox', { name: 'Post-mortem document' })
    await expect(doc).toBeVisible()
    const lostInDoc = typed.sent.length - keptOf(typed.sent, (await doc.textContent()) ?? '').length
    expect(lostInDoc, `post-mortem: lost ${lostInDoc} of ${typed.sent.length}`).toBeLessThanOrEqual(
      lastSecond(typed.sentAt, typed.killedAt),
    )
  })
})
