import { DbError } from '../db/errors'

/** Shown instead of the app when the data cannot be opened. Nothing is deleted or reset. */
export function StartupError({ error }: { error: unknown }) {
  const message =
    error instanceof DbError ? error.message : `Steady couldn't start: ${String(error)}`
  return (
    <main className="page startup-error">
      <h1>Steady can't open your data</h1>
      <p role="alert">{message}</p>
      <p className="muted">Your incidents have not been touched. Close Steady and try again.</p>
    </main>
  )
}
