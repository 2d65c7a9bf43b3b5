// Proves that the main process's guard tests guard something: each entry breaks one guard in the
// source (the broken variant a careless change would make), runs the test that names it, and
// expects that test to fail. A mutant that survives means a test that cannot fail: the script
// exits 1. Sources are restored after each run, even when interrupted.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const MUTANTS = [
  {
    what: 'team sync never leaving a document in step (memory grows with the history)',
    file: 'src/renderer/src/sync/team-sync.ts',
    from: '      if (!this.beyondKeep(id)) return',
    to: '      return',
    test: 'src/renderer/src/sync/team-sync.test.ts',
  },
  {
    what: 'team sync joining every incident at each start, marks or not',
    file: 'src/renderer/src/sync/team-sync.ts',
    from: '          if (inStep(mark, listed.get(id), local)) return',
    to: '',
    test: 'src/renderer/src/sync/team-sync.test.ts',
  },
  {
    what: 'a shared document saved with unsent changes keeping its mark (never sent after a restart)',
    file: 'src/renderer/src/sync/incident-bridge.ts',
    from: '    await this.db.syncMarks.delete(this.incidentId)\n',
    to: '',
    test: 'src/renderer/src/sync/team-sync.test.ts',
  },
  {
    what: 'a save joining another writer’s transaction (team sync’s zone: the save fails)',
    file: 'src/renderer/src/db/event-store.ts',
    from: '    if (current && !this.own.has(current))',
    to: '    if (current && !current)',
    test: 'src/renderer/src/db/event-store.test.ts',
  },
  {
    what: 'a search’s or filter’s pass going on ahead of the frame that shows its first rows',
    file: 'src/renderer/src/features/incidents/narrow.ts',
    from: "        await yieldToPage('background')\n        if (!live) return\n      } while",
    to: '        await yieldToPage()\n        if (!live) return\n      } while',
    test: 'src/renderer/src/features/incidents/narrow.test.ts',
  },
  {
    what: 'a search showing an incident from the trash',
    file: 'src/renderer/src/features/incidents/home-order.ts',
    from: "return row?.status === 'deleted' ? undefined : row",
    to: 'return row',
    test: 'src/renderer/src/features/incidents/home-order.test.ts',
  },
  {
    what: 'a post-mortem read ahead before this window’s own save of it',
    file: 'src/renderer/src/db/hooks.ts',
    from: '  return postmortemAutosave\n    .flush(incidentId)\n    .then(() => db.postmortems.get(incidentId))',
    to: '  return db.postmortems\n    .get(incidentId)',
    test: 'src/renderer/src/db/postmortem-ahead.test.ts',
  },
  {
    what: 'CSV files put in place one by one, not together (one failing leaves the other)',
    file: 'src/renderer/src/db/export-writer.ts',
    from: '      await written\n      return sink.close(result)',
    to: '      return sink.close(result)',
    test: 'src/renderer/src/db/export-writer.test.ts',
  },
  {
    what: 'an export block copied on the page though it is whole already',
    file: 'src/renderer/src/db/export-writer.ts',
    from: '    if (parts.length > 1) {',
    to: '    if (parts.length > 0) {',
    test: 'src/renderer/src/db/export-writer.test.ts',
  },
  {
    what: 'a CSV file’s pages joined without a line break',
    file: 'src/renderer/src/features/data/csv-export.ts',
    from: "  '\\r\\n' +\n  Papa.unparse(",
    to: '  Papa.unparse(',
    test: 'src/renderer/src/features/data/csv-export.test.ts',
  },
  {
    what: 'the action items of incidents in the trash exported as CSV',
    file: 'src/renderer/src/features/data/csv-export.ts',
    from: "if (incident?.status === 'deleted') return []",
    to: 'if (incident === null) return []',
    test: 'src/renderer/src/features/data/csv-export.test.ts',
  },
  {
    what: 'a streamed folder export taking any Steady name (an SVG never checked)',
    file: 'src/shared/ipc-contract.ts',
    from: ".refine((name) => name.endsWith('.csv'), 'a CSV file')",
    to: '',
    test: 'src/main/export/export-files.test.ts',
  },
  {
    what: 'the post-mortems of incidents in the trash exported',
    file: 'src/renderer/src/features/postmortem/export.ts',
    from: "if (summary && summary.status !== 'deleted')",
    to: 'if (summary)',
    test: 'src/renderer/src/features/postmortem/export.test.ts',
  },
  {
    what: 'a folder session writing after it ended',
    file: 'src/main/export/export-files.ts',
    from: '  end(token: string): null {\n    this.open.delete(token)',
    to: '  end(token: string): null {\n    void token',
    test: 'src/main/export/export-files.test.ts',
  },
  {
    what: 'atomic write without fsync',
    file: 'src/main/storage/atomic-write.ts',
    from: '      await handle.sync()\n    } finally',
    to: '    } finally',
    test: 'src/main/storage/atomic-write.test.ts',
  },
  {
    what: 'atomic write in place (no temporary file and rename)',
    file: 'src/main/storage/atomic-write.ts',
    from: 'const temp = tempPathFor(target)',
    to: 'const temp = target',
    test: 'src/main/storage/atomic-write.test.ts',
  },
  {
    what: 'an export or backup written in pieces straight over its target',
    file: 'src/main/storage/pending-files.ts',
    from: 'const temp = tempPathFor(target)',
    to: 'const temp = target',
    test: 'src/main/storage/pending-files.test.ts',
  },
  {
    what: 'an export that keeps rows of incidents it did not write',
    file: 'src/renderer/src/db/export-writer.ts',
    from: 'else if (!incidentIds.has(row.incidentId as string)) continue',
    to: 'else if (false) continue',
    test: 'src/renderer/src/db/export-writer.test.ts',
  },
  {
    what: 'Metrics after a change still counting a changed incident’s old services and factors',
    file: 'src/shared/domain/metrics.ts',
    from: '  add(gone, -1)\n',
    to: '',
    test: 'src/shared/domain/metrics-table.test.ts',
  },
  {
    what: 'Metrics patching a period whose bounds moved over incidents not changed',
    file: 'src/shared/domain/metrics.ts',
    from: '      if (!added.includes(row)) return false\n',
    to: '',
    test: 'src/shared/domain/metrics-table.test.ts',
  },
  {
    what: 'Metrics sorting durations below zero (a time entered before the start) as zero',
    file: 'src/shared/domain/metrics-table.ts',
    from: '(values[row] as number) - least',
    to: '(values[row] as number)',
    test: 'src/shared/domain/metrics.test.ts',
  },
  {
    what: 'Metrics leaving out the incident that started at the first moment of the period',
    file: 'src/shared/domain/metrics-table.ts',
    from: '(table.startedAt[middle] as number) < time',
    to: '(table.startedAt[middle] as number) <= time',
    test: 'src/shared/domain/metrics.test.ts',
  },
  {
    what: 'Metrics patching its table with new incidents placed out of time order',
    file: 'src/shared/domain/metrics-table.ts',
    from: '(old.startedAt[o] as number) <=',
    to: '(old.startedAt[o] as number) >=',
    test: 'src/shared/domain/metrics-table.test.ts',
  },
  {
    what: 'Metrics keeping the open action items it had, whatever changes',
    file: 'src/shared/domain/metrics-table.ts',
    from: 'if (changed.size === 0) return old\n  const kept = old.ids',
    to: 'if (changed.size >= 0) return old\n  const kept = old.ids',
    test: 'src/renderer/src/features/metrics/metrics-service.test.ts',
  },
  {
    what: 'Metrics not reading the summaries changed after a write was reported',
    file: 'src/renderer/src/features/metrics/metrics-store.ts',
    from: 'if (this.revs in parts) this.written = true',
    to: 'if (this.revs in parts) void 0',
    test: 'src/renderer/src/features/metrics/metrics-service.test.ts',
  },
  {
    what: "an action item's change to its incident's digest given no revision",
    file: 'src/renderer/src/db/summaries.ts',
    from: 'if (values.length) await summaries.mutate',
    to: 'if (values.length) await written.mutate',
    test: 'src/renderer/src/features/metrics/metrics-service.test.ts',
  },
  {
    what: 'Metrics patching its saved table after a restore replaced every incident',
    file: 'src/renderer/src/db/summary-revisions.ts',
    from: 'if (counter.resetAt > since) return null',
    to: 'if (counter.resetAt > since + 1e9) return null',
    test: 'src/renderer/src/features/metrics/metrics-service.test.ts',
  },
  {
    what: "the report's runs of summaries reaching over keys not wanted, and keeping them",
    file: 'src/renderer/src/db/summaries-reader.ts',
    from: 'if (want.has(row.id)) {',
    to: 'if (row.id) {',
    test: 'src/renderer/src/db/summaries-reader.test.ts',
  },
  {
    what: 'each page of rows or keys read again from the last key of the page before',
    file: 'src/renderer/src/db/pages.ts',
    from: "table.where(':id').above(after)",
    to: "table.where(':id').aboveOrEqual(after)",
    test: 'src/renderer/src/db/pages.test.ts',
  },
  {
    what: 'the Markdown set aside without the last characters the serializer reads back',
    file: 'src/renderer/src/editor/linear-serializer.ts',
    from: 'this.out = this.out.slice(-KEEP)',
    to: "this.out = ''",
    test: 'src/renderer/src/editor/linear-serializer.test.ts',
  },
  {
    what: "the report's rows written as the summaries come, in UTC rather than the report's zone",
    file: 'src/renderer/src/features/metrics/metrics-service.ts',
    from: 'incidentRow(summary, request.zone)',
    to: "incidentRow(summary, 'UTC')",
    test: 'src/renderer/src/features/metrics/metrics-service.test.ts',
  },
  {
    what: 'the Metrics screen not computed again after incidents change',
    file: 'src/renderer/src/features/metrics/use-metrics.ts',
    from: "tables: ['summaries', 'actionItems']",
    to: "tables: ['nothing']",
    test: 'src/renderer/src/features/metrics/use-metrics.test.tsx',
  },
  {
    what: 'search counting a document discarded since among those a word is in (MiniSearch does not)',
    file: 'src/renderer/src/features/incidents/search-query.ts',
    from: '            m.removeTerm(field.id, shortId, derived)',
    to: '            m.removeTerm(field.id, shortId, derived)\n            continue',
    test: 'src/renderer/src/features/incidents/search-query.test.ts',
  },
  {
    what: 'a query answered from the last answer after the index changed',
    file: 'src/renderer/src/features/incidents/search.ts',
    from: "}:${words.join(' ')}:${indexVersion(index)}`",
    to: "}:${words.join(' ')}`",
    test: 'src/renderer/src/features/incidents/search.test.ts',
  },
  {
    what: 'an import that writes over an action item or event already here',
    file: 'src/renderer/src/db/transfer.ts',
    from: 'if (!refused) throw error',
    to: 'if (!refused || refused) return',
    test: 'src/renderer/src/db/transfer.test.ts',
  },
  {
    what: 'a large file Steady wrote read through the slow streaming parser, not a line at a time',
    file: 'src/renderer/src/db/export-reader.ts',
    from: '  take(line: string): boolean {\n',
    to: '  take(line: string): boolean {\n    if (line !== null) return false\n',
    test: 'src/renderer/src/db/export-reader.test.ts',
  },
  {
    what: 'search answering from an empty index while the saved one loads ("nothing matches")',
    file: 'src/renderer/src/features/incidents/search-service.ts',
    from: '  async hits(query: string, first?: (hits: Hits) => void): Promise<Hits> {\n    await this.started\n',
    to: '  async hits(query: string, first?: (hits: Hits) => void): Promise<Hits> {\n',
    test: 'src/renderer/src/features/incidents/search-service.test.ts',
  },
  {
    what: "a restored search index waiting to read every incident's last change before answering",
    file: 'src/renderer/src/features/incidents/search-service.ts',
    from: '      this.synced || this.restored\n',
    to: '      this.synced\n',
    test: 'src/renderer/src/features/incidents/search-service.test.ts',
  },
  {
    what: 'the reminder center reading every open incident and item again after a snooze',
    file: 'src/renderer/src/db/summaries-reader.ts',
    from: "last === undefined || since === 'all'",
    to: "last === undefined || since === 'all' || since.size > 0",
    test: 'src/renderer/src/features/reminders/reminder-reads.test.ts',
  },
  {
    what: "search reading every incident's last update at every sync (seconds at 100,000)",
    file: 'src/renderer/src/features/incidents/search-service.ts',
    from: '      if (known && changes) {\n',
    to: '      if (known && changes && !known) {\n',
    test: 'src/renderer/src/features/incidents/search-service.test.ts',
  },
  {
    what: "search's saved index read back without its revision (every last update read at a start)",
    file: 'src/renderer/src/features/incidents/search-service.ts',
    from: '    if (this.restored && snapshot.rev !== undefined) {\n',
    to: '    if (this.restored && snapshot.rev === -1) {\n',
    test: 'src/renderer/src/features/incidents/search-service.test.ts',
  },
  {
    what: "the reminder center's lists kept after more reminders came due",
    file: 'src/renderer/src/features/reminders/reminder-lists.ts',
    from: '  if (kept?.past === past) return kept.lists\n',
    to: '  if (kept) return kept.lists\n',
    test: 'src/renderer/src/features/reminders/reminder-lists.test.ts',
  },
  {
    what: 'an incident written without its summary (the list would miss it)',
    file: 'src/renderer/src/db/summaries.ts',
    from: 'if (holdsSummaries(req.trans)) await followIncidents(req, result.failures)',
    to: 'if (false) await followIncidents(req, result.failures)',
    test: 'src/renderer/src/db/summaries.test.ts',
  },
  {
    what: "an action item changed without its incident's digest (Metrics would miscount)",
    file: 'src/renderer/src/db/summaries.ts',
    from: '                await refreshDigests(req.trans, touched)',
    to: '',
    test: 'src/renderer/src/db/summaries.test.ts',
  },
  {
    what: 'a restore that clears the items leaving their digests behind',
    file: 'src/renderer/src/db/summaries.ts',
    from: "if (req.type === 'deleteRange') {",
    to: "if (req.type === 'deleteRange' && false) {",
    test: 'src/renderer/src/db/summaries.test.ts',
  },
  {
    what: 'a repair rewriting every summary (100 s at 100,000, begun again at each start)',
    file: 'src/renderer/src/db/summaries.ts',
    from: 'for (const id of ids) if (!has.has(id)) missing.push(id)',
    to: 'for (const id of ids) missing.push(id)',
    test: 'src/renderer/src/db/summaries.test.ts',
  },
  {
    what: 'rows read again kept as whole summaries (the page held 92 MB of them at 100,000)',
    file: 'src/renderer/src/db/summaries-reader.ts',
    from: '      .map(shape)\n',
    to: '      .map((row) => row as unknown as T)\n',
    test: 'src/renderer/src/db/summaries-reader.test.ts',
  },
  {
    what: 'the summaries read again without the changes reported since (a stale list)',
    file: 'src/renderer/src/db/summaries-reader.ts',
    from: '    if (part in parts) note(',
    to: '    if (part in parts) void (',
    test: 'src/renderer/src/db/summaries-reader.test.ts',
  },
  {
    what: "a field's late save taken for another window's edit (the typing since thrown away)",
    file: 'src/renderer/src/features/phase/use-detail-field.ts',
    from: 'sent.current = [...sent.current.slice(-(SENT_KEPT - 1)), key(next)]',
    to: 'sent.current = [...sent.current.slice(-19), key(next)]',
    test: 'src/renderer/src/features/phase/use-detail-field.test.tsx',
  },
  {
    what: "Capture's duplicate warning reading every open incident",
    file: 'src/renderer/src/features/incident/SimilarIncidents.tsx',
    from: "          ['active', current.startedAt - DUPLICATE_WITHIN],",
    to: "          ['active', -Infinity],",
    test: 'src/renderer/src/features/incident/SimilarIncidents.test.tsx',
  },
  {
    what: 'a read of every incident started beside one still running (they piled up at 100,000)',
    file: 'src/renderer/src/db/hooks.ts',
    from: '      if (reading) {',
    to: '      if (false) {',
    test: 'src/renderer/src/db/settled-cache.test.ts',
  },
  {
    what: 'IPC arguments reaching handlers unvalidated',
    file: 'src/main/ipc/handle.ts',
    from: 'const parsed = schema.args.safeParse(raw)',
    to: 'const parsed = { success: true as const, data: raw, error: undefined as never }',
    test: 'src/main/ipc/handle.test.ts',
  },
  {
    what: 'IPC from any sender',
    file: 'src/main/ipc/handle.ts',
    from: 'if (!senderUrl || !isTrustedSender(senderUrl)) {',
    to: 'if (false) {',
    test: 'src/main/ipc/handle.test.ts',
  },
  ...[
    ['sandbox: true', 'sandbox: false'],
    ['contextIsolation: true', 'contextIsolation: false'],
    ['nodeIntegration: false', 'nodeIntegration: true'],
    ['webSecurity: true', 'webSecurity: false'],
    ['allowRunningInsecureContent: false', 'allowRunningInsecureContent: true'],
  ].map(([from, to]) => ({
    what: `insecure window option (${to})`,
    file: 'src/main/security/harden.ts',
    from,
    to,
    test: 'src/main/window/main-window.test.ts',
  })),
  {
    what: "the protocol resolver's containment check",
    file: 'src/main/security/app-protocol.ts',
    from: 'return file.startsWith(root + path.sep) ? file : null',
    to: 'return file.startsWith(root) ? file : null',
    test: 'src/main/security/app-protocol.test.ts',
  },
  {
    what: 'the protocol resolver without its `..` check',
    file: 'src/main/security/app-protocol.ts',
    from: "if (decodeURIComponent(rawPath).split('/').includes('..')) return null",
    to: 'void rawPath',
    test: 'src/main/security/app-protocol.test.ts',
  },
  {
    what: 'redirects away from the app allowed',
    file: 'src/main/security/harden.ts',
    from: "contents.on('will-redirect', (event, url) => {\n    if (!isAppUrl(url, devServerUrl)) event.preventDefault()",
    to: "contents.on('will-redirect', (event, url) => {\n    void event, url",
    test: 'src/main/window/main-window.test.ts',
  },
  {
    what: 'navigation away from the app allowed',
    file: 'src/main/security/harden.ts',
    from: '    if (isAppUrl(url, devServerUrl)) return\n    event.preventDefault()',
    to: '    return',
    test: 'src/main/window/main-window.test.ts',
  },
  {
    what: 'links opened without the allowlist',
    file: 'src/main/security/harden.ts',
    from: 'const trusted = toTrustedExternalUrl(url)',
    to: 'const trusted = url',
    test: 'src/main/window/main-window.test.ts',
  },
]

let survivors = 0
for (const mutant of MUTANTS) {
  const original = readFileSync(mutant.file, 'utf8')
  if (!original.includes(mutant.from)) {
    console.error(`mutants: "${mutant.what}" no longer matches ${mutant.file}; update this list.`)
    process.exit(1)
  }
  const restore = () => writeFileSync(mutant.file, original)
  process.once('SIGINT', restore)
  try {
    writeFileSync(mutant.file, original.replace(mutant.from, mutant.to))
    const run = spawnSync('npx', ['vitest', 'run', mutant.test, '--reporter=dot'], {
      encoding: 'utf8',
    })
    const killed = run.status !== 0
    if (!killed) survivors++
    console.log(`${killed ? 'caught  ' : 'SURVIVED'} ${mutant.what} (${mutant.test})`)
  } finally {
    restore()
    process.removeListener('SIGINT', restore)
  }
}
console.log(`mutants: ${MUTANTS.length - survivors} of ${MUTANTS.length} caught.`)
process.exit(survivors ? 1 : 0)
