/** Plain text written into Markdown safely: what the user typed renders as exactly that text. */

/** Plain text (an action item's title, say) as inline Markdown that renders as exactly that text. */
export const escapeInline = (value: string): string => value.replace(/[\\`*_~[\]()<>&!#|]/g, '\\$&')

/**
 * A table cell on one line. `markdown` is already inline Markdown (escaped once): only what
 * would break the row is escaped here, the pipe and the line break.
 */
const cell = (markdown: string): string =>
  markdown
    // A pipe after an even number of backslashes is not yet escaped.
    .replace(/(\\*)\|/g, (match, slashes: string) => (slashes.length % 2 ? match : `${slashes}\\|`))
    .replace(/\r?\n/g, '<br>')
    .trim() || ' '

/** A Markdown table: the first row is the header; each cell is inline Markdown, escaped once. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows
  if (!header) return ''
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n')
}
