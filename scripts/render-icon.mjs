// Renders resources/icon.svg to the PNG sizes electron-builder and the tray need, in headless Chromium.
// Run by hand after changing the SVG: node scripts/render-icon.mjs
import { readFile } from 'node:fs/promises'
import { chromium } from '@playwright/test'
import { chromiumOptions } from './chromium.mjs'

const svg = await readFile('resources/icon.svg', 'utf8')
const browser = await chromium.launch(chromiumOptions)
for (const size of [512, 32]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style>${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}`,
  )
  await page.screenshot({
    path: size === 512 ? 'resources/icon.png' : `resources/tray-${size}.png`,
    omitBackground: true,
  })
  await page.close()
}
await browser.close()
