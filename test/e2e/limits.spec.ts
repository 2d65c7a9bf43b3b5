import { expect, test } from './fixtures'
import { newIncident, openApp } from './helpers'

test('a one-megabyte paste is refused with a message; nothing typed is cut and every other field still saves', async ({
  page,
}) => {
  await openApp(page)
  await newIncident(page, 'Checkout returns 502 for EU users')
  const errors = page.getByLabel('Error messages')
  await errors.fill('upstream connect error')
  // A paste, as React sees it: the field's whole new value in one input event. (Chromium's own
  // insertText takes minutes over a megabyte, so the value is set the way React's tests do.)
  await errors.evaluate(
    (el, text) => {
      const area = el as HTMLTextAreaElement
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!
      setter.call(area, area.value + text)
      area.dispatchEvent(new Event('input', { bubbles: true }))
    },
    `\n${'connection reset by peer\n'.repeat(42_000)}`,
  )
  await expect(page.getByRole('alert')).toHaveText(
    /Not added: that would make 1,050,023 characters, and this holds 20,000\. Nothing was cut/,
  )
  await expect(errors).toHaveValue('upstream connect error')

  // A status code one character over its limit is refused the same way; the field keeps its text.
  const codes = page.getByLabel('Status codes')
  await codes.fill('502 Bad Gateway (LB)')
  await codes.fill('502 Bad Gateway from LB')
  await expect(page.getByRole('alert').filter({ hasText: 'this holds 20.' })).toHaveText(
    /that would make 23 characters/,
  )
  await expect(codes).toHaveValue('502 Bad Gateway (LB)')
  await codes.press('Enter')

  await page.getByLabel('Title').fill('EU checkout 502')
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Title')).toHaveValue('EU checkout 502')
  await expect(page.getByLabel('Error messages')).toHaveValue('upstream connect error')
  await expect(page.getByRole('button', { name: 'Remove 502 Bad Gateway (LB)' })).toBeVisible()
})
