import { useSaveStatus } from '../features/incident/autosave'

/** A quiet mark in the corner: "Saving…", "Saved", or what went wrong and what was kept. */
export function SaveStatus() {
  const { state, error } = useSaveStatus()
  if (state === 'idle') return null
  return (
    <div className="save-status" data-state={state} role={state === 'error' ? 'alert' : 'status'}>
      {state === 'error'
        ? `${error ?? 'Not saved.'} Your text is kept on screen.`
        : state === 'saved'
          ? 'Saved'
          : 'Saving…'}
    </div>
  )
}
