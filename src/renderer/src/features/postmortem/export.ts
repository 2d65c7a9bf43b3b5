/** Exporting post-mortems: loads the editor's schema and the serializer on demand. */
import { buildPostmortemTemplate, refreshFromRecord } from '@shared/domain/postmortem'
import type { MarkdownFile } from '@shared/ipc-contract'
import { measured } from '../../platform/perf'
import { shownZone } from '../../components/format'
import { db, postmortemAutosave } from '../../db/instance'
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

/** Every incident that has a post-mortem. */
export async function allPostmortemFiles(): Promise<MarkdownFile[]> {
  await postmortemAutosave.flush()
  const ids = (await db.postmortems.toCollection().primaryKeys()) as string[]
  return Promise.all(ids.map(postmortemFile))
}
