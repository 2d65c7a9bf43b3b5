/**
 * "Show 20 more …", while there are more than shown: a long history's list is shown a page at a
 * time, so opening it never renders thousands of rows.
 */
export function ShowMore({
  shown,
  total,
  page,
  what,
  onMore,
}: {
  shown: number
  total: number
  page: number
  what: string
  onMore: () => void
}) {
  if (shown >= total) return null
  return (
    <button type="button" className="button quiet" onClick={onMore}>
      Show {Math.min(page, total - shown)} more {what} ({total - shown} not shown)
    </button>
  )
}
