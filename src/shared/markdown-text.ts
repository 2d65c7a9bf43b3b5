/** Plain text written into Markdown safely: what the user typed renders as exactly that text. */

const SPECIAL = /[\\`*_~[\]()<>&!#|]/
const SPECIALS = new RegExp(SPECIAL.source, 'g')

/**
 * Plain text (an action item's title, say) as inline Markdown that renders as exactly that text.
 * Most text has nothing to escape: it is looked at before it is rewritten (a review report writes
 * half a million cells).
 */
export const escapeInline = (value: string): string =>
  SPECIAL.test(value) ? value.replace(SPECIALS, '\\$&') : value

/**
 * A table cell on one line. `markdown` is already inline Markdown (escaped once): only what
 * would break the row is escaped here, the pipe and the line break.
 */
function cell(markdown: string): string {
  let text = markdown
  // A pipe after an even number of backslashes is not yet escaped.
  if (text.includes('|'))
    text = text.replace(/(\\*)\|/g, (match, slashes: string) =>
      slashes.length % 2 ? match : `${slashes}\\|`,
    )
  if (text.includes('\n')) text = text.replace(/\r?\n/g, '<br>')
  return text.trim() || ' '
}

/** A Markdown table: the first row is the header; each cell is inline Markdown, escaped once. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows
  if (!header) return ''
  return markdownTableOf(header, body.map(markdownRow))
}

/** A table's row: each cell is inline Markdown, escaped once. */
export const markdownRow = (cells: readonly string[]): string =>
  `| ${cells.map(cell).join(' | ')} |`

/** A table of `header` and rows already made by `markdownRow`. */
export const markdownTableOf = (header: readonly string[], rows: readonly string[]): string =>
  [markdownRow(header), markdownRow(header.map(() => '---')), ...rows].join('\n')
