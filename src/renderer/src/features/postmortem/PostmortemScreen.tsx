import { plural } from '@shared/domain/vocabulary'
import { LIMITS, type Incident } from '@shared/domain/model'
import {
  buildPostmortemTemplate,
  refreshFromRecord,
  suggestTemplate,
  type PostmortemDoc,
  type TemplateKind,
} from '@shared/domain/postmortem'
import type { Node as PmNode } from '@tiptap/pm/model'
import type { Editor } from '@tiptap/react'
import { onDemand } from '../../components/on-demand'
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import type { Command } from '../../commands/command'
import { useRegisterCommands } from '../../commands/screen-commands'
import { yieldToPage } from '../../platform/perf'
import { usePlatform } from '../../platform/platform-context'
import { useShownZone } from '../../components/format'
import { ActionItemsTable } from '../action-items/ActionItemsTable'
import { useIncidentEvents, usePostmortem, useSettings } from '../../db/hooks'
import { db, incidentsRepo, postmortemAutosave, postmortemsRepo } from '../../db/instance'
import { loadSettings } from '../../db/settings-repo'
import { useUi } from '../../stores/ui-store'
import { loadTeamConfig } from '../../sync/team-config'
import { sharedDocument } from '../../sync/use-team-sync'
import type { SharedDocument } from '../../sync/team-sync'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { usePhaseCommands } from '../phase/use-phase-commands'
import { BreakBanner } from './BreakBanner'
import { postmortemFile } from './export'
import { ReviewPanel } from './ReviewPanel'
import { RevisionHistory } from './RevisionHistory'
import { TemplatePicker } from './TemplatePicker'

/** Another window's document waits until typing here has paused this long. */
const PAUSE_MS = 1500
/** Saves sent and not yet come back, at most (one per pause in the typing). */
const SENT_KEPT = 200

const editor = onDemand(() => import('./PostmortemEditor'))
/**
 * The editor's code (the largest chunk), preloaded when the app is idle (preloadWhenIdle, App), then
 * its schema in a task of its own (in the same task as the code's first run, 50 ms).
 */
export async function loadEditor(): Promise<void> {
  await editor.load()
  await yieldToPage('background')
  const { postmortemSchema } = await import('../../editor/schema')
  postmortemSchema()
}
const PostmortemEditor = editor.Component

/** The incident's shared document in a team; null alone; undefined while it is being joined. */
function useSharedDocument(incidentId: string): SharedDocument | null | undefined {
  const [team] = useState(() => loadTeamConfig() !== null)
  const [answer, setAnswer] = useState<{ id: string; doc: SharedDocument | null } | null>(null)
  useEffect(() => {
    if (!team) return
    let live = true
    let release = () => undefined as unknown
    void sharedDocument(incidentId).then((doc) => {
      release = doc?.release ?? release
      if (live) setAnswer({ id: incidentId, doc })
      else release()
    })
    // Left once in step when no screen shows it (team-sync.ts).
    return () => {
      live = false
      release()
    }
  }, [incidentId, team])
  if (!team) return null
  return answer?.id === incidentId ? answer.doc : undefined
}

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
      void postmortemsRepo.save(
        id,
        buildPostmortemTemplate(incident, events, zone, suggestTemplate(incident)),
      )
  }, [row, events, id, incident, zone])
  // Leaving the screen saves the document.
  useEffect(() => () => void postmortemAutosave.flush(id), [id])

  // Another window's save is shown here as soon as this window is not being typed in (never under
  // the caret mid-word). The stored document is the truth both windows show; paragraphs this window
  // wrote that the stored one lacks are kept as a timeline note first.
  const known = useRef<string | null>(null)
  const sent = useRef<string[]>([])
  const lastEdit = useRef(0)
  const adoptedAt = useRef(0)
  const [idle, setIdle] = useState(0)
  useEffect(() => {
    const editor = editorRef.current
    if (!row || !editor || editor.isDestroyed) return
    // Compared as the editor writes documents (its JSON adds default attributes).
    const stored = editor.schema.nodeFromJSON(row.doc)
    const theirs = JSON.stringify(stored.toJSON())
    const echo = sent.current.indexOf(theirs)
    // This window's own save come back, however late: what was sent before it can no longer come.
    if (echo >= 0) sent.current = sent.current.slice(echo + 1)
    if (theirs === known.current || echo >= 0) return
    const typing = Date.now() - lastEdit.current
    // Looked at again once typing pauses (see onChange).
    if (typing < PAUSE_MS) return
    // Only words typed here since this window last took the stored document can be lost here; a
    // paragraph the other window deleted on purpose is not this window's to keep.
    const dirty =
      lastEdit.current > adoptedAt.current || JSON.stringify(editor.getJSON()) !== known.current
    const lost = dirty ? blocksMissingFrom(editor.state.doc, stored) : []
    if (lost.length) {
      void keepAsNotes(id, lost.join('\n\n'))
      useUi
        .getState()
        .setNotice(
          'The post-mortem was changed in another window while you edited it here. Theirs is shown now; your words it lacked are on the timeline as a note.',
        )
    }
    known.current = theirs
    sent.current = []
    adoptedAt.current = Date.now()
    if (postmortemAutosave.pendingFor(id)) postmortemAutosave.set(id, row.doc)
    if (JSON.stringify(editor.getJSON()) !== theirs)
      editor.commands.setContent(row.doc, { emitUpdate: false })
  }, [row, id, idle])
  const pauseTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(pauseTimer.current), [])
  /** A keystroke here: another window's document waits until typing pauses. */
  const onEdit = () => {
    lastEdit.current = Date.now()
    clearTimeout(pauseTimer.current)
    pauseTimer.current = setTimeout(() => setIdle((n) => n + 1), PAUSE_MS + 50)
  }
  const onChange = (doc: PostmortemDoc) => {
    const saved = JSON.stringify(doc)
    known.current = saved
    // One per pause in the typing; a busy database may hold many before the first lands.
    sent.current = [...sent.current.slice(-(SENT_KEPT - 1)), saved]
    postmortemAutosave.set(id, doc)
  }

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
  const exportPdf = () =>
    report(
      postmortemAutosave
        .flush(id)
        .then(() => postmortemFile(id))
        .then((file) => platform.savePdf(file.fileName.replace(/\.md$/, '.pdf')))
        .then((r) =>
          !r.saved
            ? 'Export cancelled.'
            : r.where
              ? `Saved as PDF to ${r.where}.`
              : 'Printed. To keep a file, choose "Save as PDF" in the print dialog.',
        ),
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
    onChange(doc)
    setMessage('Refreshed the parts generated from the record. Your writing is untouched.')
  }

  /** Starts the document again from a template: built in, or one of the team's own. */
  const chooseTemplate = async (template: string) => {
    const editor = editorRef.current
    if (!editor || !events) return
    try {
      let doc: PostmortemDoc
      if (template.startsWith('user:')) {
        const mine = (await loadSettings(db)).templates.find((t) => `user:${t.id}` === template)
        if (!mine) throw new Error('That template was removed.')
        const { userTemplateDoc } = await import('../../editor/user-template')
        doc = userTemplateDoc(mine.markdown, incident, events, zone)
      } else doc = buildPostmortemTemplate(incident, events, zone, template as TemplateKind)
      editor.commands.setContent(doc)
      onChange(doc)
      setMessage(null)
    } catch (e) {
      setMessage(`${(e as Error).message} The document is unchanged.`)
    }
  }

  const { footer } = usePhaseCommands(
    incident,
    { label: 'Move to prevention', move: { kind: 'go-to', to: 'prevention' } },
    [
      { label: 'Export Markdown…', run: exportFile },
      { label: 'Export PDF…', run: exportPdf },
      { label: 'Copy as Markdown', run: copy },
    ],
  )
  const sectionCommands = useMemo<Command[]>(
    () => [
      {
        id: 'postmortem.next-empty',
        label: 'Go to the next empty section',
        keywords: 'post-mortem write jump',
        group: 'screen',
        shortcut: { key: 'j', mod: true },
        run: () => {
          if (editorRef.current) nextEmptySection(editorRef.current)
        },
      },
    ],
    [],
  )
  useRegisterCommands(sectionCommands)
  // The template can be swapped once the editor is there to take the new document.
  const [editorReady, setEditorReady] = useState(false)
  const onReady = useCallback((editor: Editor) => {
    editorRef.current = editor
    known.current = JSON.stringify(editor.getJSON())
    setEditorReady(true)
  }, [])
  const initial = postmortemAutosave.pendingFor(id) ?? row?.doc
  const shared = useSharedDocument(id)
  // The document first: the items' rows below it (fields each: 25 ms for 20 items beside a
  // 50-page document) are drawn in the task after. The form for a new one is there throughout.
  const docShown = initial !== undefined && shared !== undefined
  const rowsShown = useDeferredValue(docShown, false)
  return (
    <div className="phase">
      <PhaseIntro
        goal="Document what happened, and learn."
        rule={`Within ${plural(deadlineHours, 'hour')} of resolution — after a break, with fresh eyes.`}
        why="Memories fade fast. Blameless: ask about systems and decisions, never about who. The parts from the record refresh themselves on request; everything else is yours."
      />
      <BreakBanner incident={incident} deadlineHours={deadlineHours} />
      <ReviewPanel
        incident={incident}
        currentDoc={() => (editorRef.current?.getJSON() as PostmortemDoc | undefined) ?? null}
        goToSection={(heading) => {
          if (editorRef.current) goToSection(editorRef.current, heading)
        }}
      >
        <button type="button" className="button quiet small" onClick={refresh} disabled={final}>
          Refresh from record
        </button>
        {row && !final && editorReady && (
          <TemplatePicker
            doc={postmortemAutosave.pendingFor(id) ?? row.doc}
            suggested={suggestTemplate(incident)}
            choose={(template) => void chooseTemplate(template)}
          />
        )}
      </ReviewPanel>
      {events && <RevisionHistory incidentId={id} events={events} final={final} />}
      {message && (
        <p className="info" role="status">
          {message}
        </p>
      )}
      {docShown ? (
        <PostmortemEditor
          fallback={<p className="muted">Loading the editor…</p>}
          incidentId={id}
          initial={initial}
          shared={shared}
          onChange={onChange}
          onEdit={onEdit}
          onBlur={() => void postmortemAutosave.flush(id)}
          onReady={onReady}
          editable={!final}
        />
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
        <ActionItemsTable incidentId={id} rowsShown={rowsShown} />
      </section>
      <PhaseFooter {...footer} />
    </div>
  )
}

/** A replaced version of the post-mortem, as timeline notes (each within the note limit). */
async function keepAsNotes(incidentId: string, text: string): Promise<void> {
  const head =
    'The post-mortem was changed in two windows at once. This version was replaced by the other'
  const size = LIMITS.text - head.length - 20
  const parts = Math.max(1, Math.ceil(text.length / size))
  for (let n = 0; n < parts; n++)
    await incidentsRepo.addNote(
      incidentId,
      `${head}${parts > 1 ? ` (part ${n + 1} of ${parts})` : ''}:\n\n${text.slice(n * size, (n + 1) * size)}`,
    )
}

/**
 * Puts the caret in the first empty paragraph under a heading after the caret (wrapping around):
 * the next section still to write. Record sections are skipped; they are not the user's to write.
 */
function nextEmptySection(editor: Editor): void {
  const { doc } = editor.state
  const after = editor.state.selection.from
  const empty: number[] = []
  let previous: string | null = null
  doc.forEach((node, offset) => {
    if (node.type.name === 'paragraph' && node.content.size === 0 && previous === 'heading')
      empty.push(offset + 1)
    previous = node.type.name
  })
  const target = empty.find((pos) => pos > after) ?? empty[0]
  // Every section written: the caret goes to the end, still in the document.
  if (target === undefined) editor.chain().focus('end').scrollIntoView().run()
  else editor.chain().focus().setTextSelection(target).scrollIntoView().run()
}

/** Puts the caret at the start of what follows a section's heading (level 2), scrolled to. */
function goToSection(editor: Editor, heading: string): void {
  let target: number | null = null
  editor.state.doc.forEach((node, offset) => {
    if (
      target === null &&
      node.type.name === 'heading' &&
      node.attrs['level'] === 2 &&
      node.textContent.trim().toLowerCase() === heading.toLowerCase()
    )
      target = offset + node.nodeSize + 1
  })
  if (target === null) return
  editor.chain().setTextSelection(target).scrollIntoView().run()
  // Focused now, not on the next frame (Tiptap's focus command waits one): the first key the
  // user presses after the jump lands in the document.
  editor.view.focus()
}

/** The paragraphs (top-level blocks) of `own` with text that `stored` does not hold anywhere. */
function blocksMissingFrom(own: PmNode, stored: PmNode): string[] {
  const kept = new Set<string>()
  stored.descendants((node) => {
    if (node.isTextblock) kept.add(node.textContent.trim())
    return !node.isTextblock
  })
  const missing: string[] = []
  own.descendants((node) => {
    const text = node.isTextblock ? node.textContent.trim() : ''
    if (text && !kept.has(text)) missing.push(text)
    return !node.isTextblock
  })
  return missing
}
