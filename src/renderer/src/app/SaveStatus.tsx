import { useState } from 'react'
import { db } from '../db/instance'
import { useSaveStatus } from '../db/autosave'
import { usePlatform } from '../platform/platform-context'

/**
 * A quiet mark in the corner ("Saving…", "Saved"); when a save fails, a banner that says what
 * happened, that the text is kept, and offers an emergency copy to a file.
 */
export function SaveStatus() {
  const { state, error } = useSaveStatus()
  const platform = usePlatform()
  const [copied, setCopied] = useState<string | null>(null)
  if (state === 'idle') return null
  if (state === 'error')
    return (
      <div className="save-banner" role="alert">
        <span>
          {error ?? 'Not saved.'} Your text is kept on screen and will be saved when possible.
        </span>
        <button
          type="button"
          className="button small"
          onClick={() =>
            void import('./emergency-copy')
              .then(({ saveEmergencyCopy }) => saveEmergencyCopy(platform, db))
              .then(setCopied)
          }
        >
          Save an emergency copy
        </button>
        {copied && <span>{copied}</span>}
      </div>
    )
  return (
    <div className="save-status" data-state={state} role="status">
      {state === 'saved' ? 'Saved' : 'Saving…'}
    </div>
  )
}
