import { expect, it } from 'vitest'
import { escapeInline, markdownTable } from './markdown-text'

it('escapes every character Markdown would read, and leaves plain text as it is', () => {
  expect(escapeInline('Checkout returns 502 for EU users')).toBe(
    'Checkout returns 502 for EU users',
  )
  expect(escapeInline('a\\b`c*d_e~f[g]h(i)j<k>l&m!n#o|p')).toBe(
    'a\\\\b\\`c\\*d\\_e\\~f\\[g\\]h\\(i\\)j\\<k\\>l\\&m\\!n\\#o\\|p',
  )
})

it('keeps each row on one line: pipes escaped once, line breaks as <br>, an empty cell kept', () => {
  expect(
    markdownTable([
      ['What', 'Why'],
      ['a | b', 'one\ntwo\r\nthree'],
      ['already \\| escaped', 'two \\\\| slashes'],
      ['  ', 'plain'],
    ]),
  ).toBe(
    [
      '| What | Why |',
      '| --- | --- |',
      '| a \\| b | one<br>two<br>three |',
      '| already \\| escaped | two \\\\\\| slashes |',
      '|   | plain |',
    ].join('\n'),
  )
})
