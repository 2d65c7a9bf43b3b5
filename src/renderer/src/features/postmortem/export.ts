/** Exporting post-mortems: loads the editor's schema and the serializer on demand. */
import { buildPostmortemTemplate } from '@shared/domain/postmortem'
import type { MarkdownFile } from '@shared/ipc-contract'
import { measured } from '../../app/perf'
import { db } from '../../db/instance'
import { postmortemAutosave } from '../../db/instance'

/** One incident's post-mortem as a Markdown file, from what is saved (or pending) now. */
export function postmortemFile(incidentId: string): Promise<MarkdownFile> {
  return measured('export-markdown', () => buildFile(incidentId))
}

async function buildFile(incidentId: string): Promise<MarkdownFile> {
  const [{ toPostmortemMarkdown, markdownFileName }, incident, row, items, events] =
    await Promise.all([
      import('../../editor/markdown'),
      db.incidents.get(incidentId),
      db.postmortems.get(incidentId),
      db.actionItems.where('incidentId').equals(incidentId).sortBy('createdAt'),
      db.events.where('incidentId').equals(incidentId).toArray(),
    ])
  if (!incident) throw new Error('This incident no longer exists.')
  const doc =
    postmortemAutosave.pendingFor(incidentId) ??
    row?.doc ??
    buildPostmortemTemplate(incident, events)
  return {
    fileName: markdownFileName(incident),
    content: toPostmortemMarkdown(doc, incident, items),
  }
}

/** Every incident that has a post-mortem. */
export async function allPostmortemFiles(): Promise<MarkdownFile[]> {
  await postmortemAutosave.flush()
  const ids = (await db.postmortems.toCollection().primaryKeys()) as string[]
  return Promise.all(ids.map(postmortemFile))
}
