import { format } from 'date-fns'
import { useState } from 'react'
import { db } from '../db/instance'
import { exportAll } from '../db/transfer'
import { useSaveStatus } from '../db/autosave'
import { usePlatform } from '../platform/platform-context'

/** Unsaved words (the autosave journals) and whatever the database can still read. */
async function emergencyCopy(): Promise<string> {
  const unsaved: Record<string, unknown> = {}
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)
    if (key?.startsWith('steady.') && key !== 'steady.ui') unsaved[key] = localStorage.getItem(key)
  }
  const saved = await exportAll(db).catch((e: Error) => `could not read the database: ${e.message}`)
  return JSON.stringify({ emergencyCopy: true, unsaved, saved }, null, 1)
}

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
            void emergencyCopy()
              .then((content) =>
                platform.saveMarkdown({
                  fileName: `steady-emergency-${format(Date.now(), 'yyyy-MM-dd-HHmm')}.json`,
                  content,
                  kind: 'json',
                }),
              )
              .then((r) => setCopied(r.saved ? `Saved to ${r.where ?? 'a file'}.` : 'Cancelled.'))
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
