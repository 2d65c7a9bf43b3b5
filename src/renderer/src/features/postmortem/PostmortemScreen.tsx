import type { Incident } from '@shared/domain/model'
import {
  buildPostmortemTemplate,
  refreshFromRecord,
  type PostmortemDoc,
} from '@shared/domain/postmortem'
import type { Editor } from '@tiptap/react'
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { usePlatform } from '../../app/platform-context'
import { useShownZone } from '../../components/format'
import { ActionItemsTable } from '../action-items/ActionItemsTable'
import { useIncidentEvents, usePostmortem, useSettings } from '../../db/hooks'
import { postmortemAutosave, postmortemsRepo } from '../../db/instance'
import { PhaseFooter } from '../incident/PhaseFooter'
import { PhaseIntro } from '../incident/PhaseIntro'
import { usePhaseCommands } from '../incident/use-phase-commands'
import { BreakBanner } from './BreakBanner'
import { postmortemFile } from './export'

const PostmortemEditor = lazy(() => import('../../editor/PostmortemEditor'))

export function PostmortemScreen({ incident }: { incident: Incident }) {
  const platform = usePlatform()
  const row = usePostmortem(incident.id)
  const events = useIncidentEvents(incident.id)
  const deadlineHours = useSettings()?.reminders.postmortemDeadlineHours ?? 48
  const editorRef = useRef<Editor | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const { id } = incident
  const zone = useShownZone()
  const final = incident.postmortemStatus === 'final'

  // The first visit starts the document from the record.
  useEffect(() => {
    if (row === null && events && !postmortemAutosave.pendingFor(id))
      void postmortemsRepo.save(id, buildPostmortemTemplate(incident, events, zone))
  }, [row, events, id, incident, zone])
  // Leaving the screen saves the document.
  useEffect(() => () => void postmortemAutosave.flush(id), [id])

  const report = (promise: Promise<string>) =>
    promise.then(setMessage, (e: Error) =>
      setMessage(`Couldn't export: ${e.message}. Nothing was lost.`),
    )
  const exportFile = () =>
    report(
      postmortemAutosave
        .flush(id)
        .then(() => postmortemFile(id))
        .then((file) => platform.saveMarkdown(file))
        .then((r) => (r.saved ? `Exported to ${r.where ?? 'your file'}.` : 'Export cancelled.')),
    )
  const copy = () =>
    report(
      postmortemAutosave
        .flush(id)
        .then(() => postmortemFile(id))
        .then((file) => navigator.clipboard.writeText(file.content))
        .then(() => 'Copied as Markdown.'),
    )
  const refresh = () => {
    const editor = editorRef.current
    if (!editor || !events) return
    const doc = refreshFromRecord(editor.getJSON() as PostmortemDoc, incident, events, zone)
    editor.commands.setContent(doc)
    postmortemAutosave.set(id, doc)
    setMessage('Refreshed the parts generated from the record. Your writing is untouched.')
  }

  const { footer } = usePhaseCommands(
    incident,
    { label: 'Move to prevention', move: { kind: 'go-to', to: 'prevention' } },
    [
      { label: 'Export Markdown…', run: exportFile },
      { label: 'Copy as Markdown', run: copy },
    ],
  )
  const onReady = useCallback((editor: Editor) => {
    editorRef.current = editor
  }, [])
  const initial = postmortemAutosave.pendingFor(id) ?? row?.doc
  return (
    <div className="phase">
      <PhaseIntro
        goal="Document what happened, and learn."
        rule={`Within ${deadlineHours} hours of resolution — after a break, with fresh eyes.`}
        why="Memories fade fast. Blameless: ask about systems and decisions, never about who. The parts from the record refresh themselves on request; everything else is yours."
      />
      <BreakBanner incident={incident} deadlineHours={deadlineHours} />
      <div className="doc-actions">
        <span className="doc-status">{final ? 'Final' : 'Draft'}</span>
        <button type="button" className="button quiet small" onClick={refresh}>
          Refresh from record
        </button>
        <button
          type="button"
          className="button quiet small"
          onClick={() => void postmortemsRepo.setStatus(id, final ? 'draft' : 'final')}
        >
          {final ? 'Back to draft' : 'Mark as final'}
        </button>
      </div>
      {message && (
        <p className="info" role="status">
          {message}
        </p>
      )}
      {initial ? (
        <Suspense fallback={<p className="muted">Loading the editor…</p>}>
          <PostmortemEditor
            incidentId={id}
            initial={initial}
            onChange={(doc) => postmortemAutosave.set(id, doc)}
            onBlur={() => void postmortemAutosave.flush(id)}
            onReady={onReady}
          />
        </Suspense>
      ) : (
        <p className="muted">Preparing the post-mortem from the record…</p>
      )}
      <section aria-labelledby="pm-items-title" className="section pm-items">
        <h3 id="pm-items-title" className="section-title">
          Action items
        </h3>
        <p className="field-hint">
          Specific, assignable, measurable. They show in the document above as you edit them.
        </p>
        <ActionItemsTable incidentId={id} />
      </section>
      <PhaseFooter {...footer} />
    </div>
  )
}
