/** Exporting post-mortems: loads the editor's schema and the serializer on demand. */
import { buildPostmortemTemplate, refreshFromRecord } from '@shared/domain/postmortem'
import type { MarkdownFile } from '@shared/ipc-contract'
import { plural } from '@shared/domain/vocabulary'
import { isoDay } from '@shared/domain/zone'
import type { Platform } from '../../platform/platform'
import { measured, yieldToPage } from '../../platform/perf'
import { shownZone } from '../../components/format'
import { db, postmortemAutosave } from '../../db/instance'
import { keyPagesOf } from '../../db/pages'
import { incidentActionItems, incidentEvents } from '../../db/queries/incident'

/** One incident's post-mortem as a Markdown file, from what is saved (or pending) now. */
export function postmortemFile(incidentId: string): Promise<MarkdownFile> {
  return measured('export-markdown', () => buildFile(incidentId))
}

/** The document as it is now, as Markdown without front matter: what a final revision keeps. */
export async function postmortemSnapshot(incidentId: string): Promise<string> {
  const [{ postmortemBody }, { doc, incident, items, zone }] = await Promise.all([
    import('../../editor/markdown'),
    current(incidentId),
  ])
  return postmortemBody(doc, incident, items, zone)
}

async function buildFile(incidentId: string): Promise<MarkdownFile> {
  const [{ toPostmortemMarkdown, markdownFileName }, { doc, incident, items, zone }] =
    await Promise.all([import('../../editor/markdown'), current(incidentId)])
  return {
    fileName: markdownFileName(incident, zone),
    content: toPostmortemMarkdown(doc, incident, items, zone),
  }
}

async function current(incidentId: string) {
  const [incident, row, items, events] = await Promise.all([
    db.incidents.get(incidentId),
    db.postmortems.get(incidentId),
    incidentActionItems(db, incidentId),
    incidentEvents(db, incidentId),
  ])
  if (!incident) throw new Error('This incident no longer exists.')
  const zone = shownZone()
  // The parts from the record are rendered from the record as it is now, so the file can never
  // contradict its own front matter; the user's writing is untouched.
  const saved = postmortemAutosave.pendingFor(incidentId) ?? row?.doc
  const doc = saved
    ? refreshFromRecord(saved, incident, events, zone)
    : buildPostmortemTemplate(incident, events, zone)
  return { doc, incident, items, zone }
}

/** Names read at a time, the keys then the summaries (500 at once held the page 50 ms). */
const NAMES_AT_ONCE = 100

/**
 * Every post-mortem (the trash's left out) into a folder the user chooses, one file at a time:
 * the names first, from the summaries, so the folder is asked about once; then each file made
 * while the last is written, the page given a turn every few milliseconds. Years of history are
 * tens of thousands of files: made all at once, they were gigabytes of text on the page (and the
 * desktop refused more than 10,000 in one message). Says how it went.
 */
export async function exportAllPostmortems(
  platform: Platform,
  options: { signal?: AbortSignal; progress?: (done: number, total: number) => void } = {},
): Promise<string> {
  await postmortemAutosave.flush()
  const { markdownFileName } = await import('../../editor/markdown')
  const zone = shownZone()
  const files: { id: string; name: string }[] = []
  for await (const ids of keyPagesOf(db.postmortems, NAMES_AT_ONCE)) {
    for (const summary of await db.summaries.bulkGet(ids))
      if (summary && summary.status !== 'deleted')
        files.push({ id: summary.id, name: markdownFileName(summary, zone) })
    await yieldToPage()
  }
  if (!files.length) return 'There are no post-mortems to export yet.'
  const folder = await platform.saveFolderFiles(
    files.map((file) => file.name),
    `${isoDay(Date.now(), zone)}-post-mortems.zip`,
  )
  if (!folder) return 'Export cancelled.'
  // One file is written (on the desktop: sent, and flushed to disk) while the next is made.
  let writing = Promise.resolve()
  try {
    let turn = performance.now()
    for (const [index, { id }] of files.entries()) {
      if (options.signal?.aborted) {
        await writing
        return `Export cancelled: ${index} of ${plural(files.length, 'post-mortem')} written to ${folder.where}.`
      }
      const { content } = await buildFile(id)
      await writing
      writing = folder.write(index, content)
      options.progress?.(index + 1, files.length)
      if (performance.now() - turn > TURN_MS) {
        await yieldToPage()
        turn = performance.now()
      }
    }
    await writing
  } finally {
    await writing.catch(() => undefined)
    await folder.close()
  }
  return `Exported ${plural(files.length, 'post-mortem')} to ${folder.where}.`
}

/** How long the export works before the page gets a turn (a file is a few milliseconds). */
const TURN_MS = 10
