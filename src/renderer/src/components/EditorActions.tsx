import { useState } from 'react'

/**
 * Runs an in-place editor's save or delete: done when it lands; when it fails, the message says
 * why and the editor stays open with what was typed.
 */
export function useEditorRun(onDone: () => void) {
  const [error, setError] = useState<string | null>(null)
  const run = (work: Promise<unknown>): void =>
    void work.then(onDone, (e: Error) => setError(`${e.message} What you typed is still here.`))
  return { error, run }
}

/** The end of an in-place editor (inside its form): delete the thing, cancel, or save it. */
export function EditorActions({
  noun,
  onDelete,
  onCancel,
}: {
  noun: string
  onDelete: () => void
  onCancel: () => void
}) {
  return (
    <div className="form-actions">
      <button type="button" className="button quiet small danger" onClick={onDelete}>
        Delete {noun}
      </button>
      <button type="button" className="button quiet small" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button secondary small">
        Save {noun}
      </button>
    </div>
  )
}
