import { useUi } from '../stores/ui-store'

/**
 * The app's one-off notice (another window changed what this one was editing; a click made while
 * Steady was starting found nothing), with a way to dismiss it. Navigating clears it.
 */
export function UiNotice({ className }: { className: string }) {
  const notice = useUi((s) => s.notice)
  const setNotice = useUi((s) => s.setNotice)
  if (!notice) return null
  return (
    <p className={className} role="status">
      {notice}{' '}
      <button type="button" className="link-button" onClick={() => setNotice(null)}>
        Dismiss
      </button>
    </p>
  )
}
