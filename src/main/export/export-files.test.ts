import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ipcContract } from '../../shared/ipc-contract'
import {
  FolderSessions,
  StreamedExports,
  saveFolder,
  saveMarkdown,
  savePdf,
  type ExportDialogs,
} from './export-files'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-export-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const dialogs = (
  file?: string,
  folder?: string,
  answer: 'replace' | 'keep-both' | 'cancel' = 'cancel',
  asked: string[][] = [],
): ExportDialogs => ({
  chooseFile: () => Promise.resolve(file),
  chooseFolder: () => Promise.resolve(folder),
  confirmReplace: (names) => {
    asked.push(names)
    return Promise.resolve(answer)
  },
})

describe('Markdown export to files', () => {
  it('writes the chosen file, replacing an older export', async () => {
    const target = path.join(dir, 'pm.md')
    await writeFile(target, 'old')
    const result = await saveMarkdown(dialogs(target), { fileName: 'x.md', content: '# New' })
    expect(result).toEqual({ saved: true, where: target })
    expect(await readFile(target, 'utf8')).toBe('# New')
  })

  it('adds .md when the user typed a name without an extension', async () => {
    const result = await saveMarkdown(dialogs(path.join(dir, 'report')), {
      fileName: 'x.md',
      content: 'x',
    })
    expect(result.where).toBe(path.join(dir, 'report.md'))
  })

  it('does nothing when the dialog is cancelled', async () => {
    expect(await saveMarkdown(dialogs(undefined), { fileName: 'x.md', content: 'x' })).toEqual({
      saved: false,
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('writes every post-mortem into the chosen folder, never overwriting a namesake', async () => {
    const files = [
      { fileName: '2026-11-26-outage.md', content: 'one' },
      { fileName: '2026-11-26-outage.md', content: 'two' },
      { fileName: '2026-11-27-slow.md', content: 'three' },
    ]
    expect(await saveFolder(dialogs(undefined, dir), files)).toEqual({ saved: true, where: dir })
    expect((await readdir(dir)).sort()).toEqual([
      '2026-11-26-outage-2.md',
      '2026-11-26-outage.md',
      '2026-11-27-slow.md',
    ])
    expect(await readFile(path.join(dir, '2026-11-26-outage-2.md'), 'utf8')).toBe('two')
  })

  it.each([
    ['cancel', ['2026-11-26-outage.md'], 'mine'],
    ['replace', ['2026-11-26-outage.md'], 'new'],
    ['keep-both', ['2026-11-26-outage-2.md', '2026-11-26-outage.md'], 'mine'],
  ] as const)(
    'asks before touching a file already in the folder (%s)',
    async (answer, names, kept) => {
      await writeFile(path.join(dir, '2026-11-26-outage.md'), 'mine')
      const asked: string[][] = []
      const result = await saveFolder(dialogs(undefined, dir, answer, asked), [
        { fileName: '2026-11-26-outage.md', content: 'new' },
      ])
      expect(asked).toEqual([['2026-11-26-outage.md']])
      expect(result.saved).toBe(answer !== 'cancel')
      expect((await readdir(dir)).sort()).toEqual(names)
      expect(await readFile(path.join(dir, '2026-11-26-outage.md'), 'utf8')).toBe(kept)
    },
  )

  it('does not ask when nothing in the folder would be replaced', async () => {
    const asked: string[][] = []
    await writeFile(path.join(dir, 'notes.txt'), 'unrelated')
    await saveFolder(dialogs(undefined, dir, 'cancel', asked), [
      { fileName: '2026-11-26-outage.md', content: 'new' },
    ])
    expect(asked).toEqual([])
    expect((await readdir(dir)).sort()).toEqual(['2026-11-26-outage.md', 'notes.txt'])
  })

  it('accepts only Steady export names from the renderer', () => {
    const args = ipcContract['export:save-folder'].args
    for (const fileName of [
      '../evil.md',
      'a/b.md',
      'C:\\x.md',
      '..',
      'a\u0000.md',
      '',
      '.bashrc',
      'run.desktop',
      '2026-11-26-outage.desktop',
      '2026-11-26-outage.md.desktop',
      'outage.md',
      '2026-11-26-.md',
      '2026-11-26-Outage.md',
    ]) {
      expect(args.safeParse([[{ fileName, content: 'x' }]]).success, fileName).toBe(false)
    }
    expect(args.safeParse([[{ fileName: '2026-11-26-outage.md', content: 'x' }]]).success).toBe(
      true,
    )
    expect(args.safeParse([[]]).success).toBe(false)
  })
})

describe('CSV files sent in pieces, into a folder', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)
  const names = ['2026-11-29-incidents.csv', '2026-11-29-action-items.csv']

  it('writes each file as its pieces come, and puts them in place when finished', async () => {
    const streamed = new StreamedExports(dialogs(undefined, dir))
    const begun = await streamed.beginFolder(names)
    expect(begun).toEqual({ where: dir, tokens: [expect.any(String), expect.any(String)] })
    const [incidents, items] = begun!.tokens as [string, string]
    await streamed.append(incidents, bytes('id,title\r\n'))
    await streamed.append(items, bytes('id,incident_id'))
    await streamed.append(incidents, bytes('inc-1,Checkout'))
    // Nothing is in place until it is finished.
    expect((await readdir(dir)).filter((name) => name.endsWith('.csv'))).toEqual([])
    expect(await streamed.finish(incidents, true)).toEqual({
      saved: true,
      where: path.join(dir, names[0]!),
    })
    await streamed.finish(items, true)
    expect(await readFile(path.join(dir, names[0]!), 'utf8')).toBe('id,title\r\ninc-1,Checkout')
    expect(await readFile(path.join(dir, names[1]!), 'utf8')).toBe('id,incident_id')
  })

  it('writes nothing when the folder dialog is cancelled, or a file dropped', async () => {
    expect(await new StreamedExports(dialogs(undefined, undefined)).beginFolder(names)).toBe(null)
    const streamed = new StreamedExports(dialogs(undefined, dir))
    const { tokens } = (await streamed.beginFolder(names))!
    for (const token of tokens) {
      await streamed.append(token, bytes('half'))
      expect(await streamed.finish(token, false)).toEqual({ saved: false })
    }
    expect(await readdir(dir)).toEqual([])
  })

  it.each([
    ['cancel', null, 'mine'],
    ['replace', names[0], 'new'],
    ['keep-both', '2026-11-29-incidents-2.csv', 'mine'],
  ] as const)('asks before touching a file already there (%s)', async (answer, target, kept) => {
    await writeFile(path.join(dir, names[0]!), 'mine')
    const asked: string[][] = []
    const streamed = new StreamedExports(dialogs(undefined, dir, answer, asked))
    const begun = await streamed.beginFolder(names)
    expect(asked).toEqual([[names[0]]])
    if (begun) {
      await streamed.append(begun.tokens[0]!, bytes('new'))
      expect((await streamed.finish(begun.tokens[0]!, true)).where).toBe(path.join(dir, target!))
    } else expect(target).toBe(null)
    expect(await readFile(path.join(dir, names[0]!), 'utf8')).toBe(kept)
  })

  it('accepts only Steady CSV names from the renderer, a few at a time', () => {
    const args = ipcContract['export:begin-folder'].args
    for (const name of [
      '../2026-11-29-incidents.csv',
      '2026-11-29-incidents.svg',
      '2026-11-29-incidents.md',
      'incidents.csv',
      '2026-11-29-incidents.csv.desktop',
    ])
      expect(args.safeParse([[name]]).success, name).toBe(false)
    expect(args.safeParse([names]).success).toBe(true)
    expect(args.safeParse([[]]).success).toBe(false)
    expect(args.safeParse([Array.from({ length: 5 }, () => names[0])]).success).toBe(false)
  })
})

describe('a folder of many files, written one at a time', () => {
  const names = ['2026-11-26-outage.md', '2026-11-26-outage.md', '2026-11-27-slow.md']

  it('plans every name when the folder is chosen, then writes each file by its place', async () => {
    const folders = new FolderSessions(dialogs(undefined, dir))
    const { where, token } = (await folders.begin(names))!
    expect(where).toBe(dir)
    await folders.write(token, 2, 'three')
    await folders.write(token, 1, 'two')
    await folders.write(token, 0, 'one')
    expect((await readdir(dir)).sort()).toEqual([
      '2026-11-26-outage-2.md',
      '2026-11-26-outage.md',
      '2026-11-27-slow.md',
    ])
    expect(await readFile(path.join(dir, '2026-11-26-outage-2.md'), 'utf8')).toBe('two')
    // Over: the token writes nothing more, and no place beyond the list was ever writable.
    await expect(folders.write(token, 3, 'x')).rejects.toThrow(/no longer being written/)
    folders.end(token)
    await expect(folders.write(token, 0, 'x')).rejects.toThrow(/no longer being written/)
  })

  it('asks once about files already there, and writes nothing when cancelled', async () => {
    await writeFile(path.join(dir, '2026-11-27-slow.md'), 'mine')
    const asked: string[][] = []
    expect(await new FolderSessions(dialogs(undefined, dir, 'cancel', asked)).begin(names)).toBe(
      null,
    )
    expect(await new FolderSessions(dialogs(undefined, undefined)).begin(names)).toBe(null)
    expect(asked).toEqual([['2026-11-27-slow.md']])
    const folders = new FolderSessions(dialogs(undefined, dir, 'keep-both'))
    const { token } = (await folders.begin(names))!
    await folders.write(token, 2, 'new')
    expect(await readFile(path.join(dir, '2026-11-27-slow.md'), 'utf8')).toBe('mine')
    expect(await readFile(path.join(dir, '2026-11-27-slow-2.md'), 'utf8')).toBe('new')
  })

  it('accepts only Steady Markdown names, and a place in the list, from the renderer', () => {
    const open = ipcContract['export:open-folder'].args
    for (const name of ['../2026-11-26-x.md', '2026-11-26-x.svg', '2026-11-26-x.csv', 'x.md'])
      expect(open.safeParse([[name]]).success, name).toBe(false)
    expect(open.safeParse([names]).success).toBe(true)
    const file = ipcContract['export:folder-file'].args
    expect(file.safeParse(['a'.repeat(32), 0, '# x']).success).toBe(true)
    expect(file.safeParse(['a'.repeat(32), -1, '# x']).success).toBe(false)
    expect(file.safeParse(['a'.repeat(32), 0.5, '# x']).success).toBe(false)
  })
})

describe('PDF export', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7 fake')
  it('prints the page only once a place is chosen, and writes it there', async () => {
    let printed = 0
    const print = () => {
      printed++
      return Promise.resolve(pdf)
    }
    expect(await savePdf(dialogs(undefined), 'x.pdf', print)).toEqual({ saved: false })
    expect(printed).toBe(0)
    const target = path.join(dir, 'post-mortem')
    expect(await savePdf(dialogs(target), '2026-11-27-checkout.pdf', print)).toEqual({
      saved: true,
      where: `${target}.pdf`,
    })
    expect(await readFile(`${target}.pdf`, 'utf8')).toBe('%PDF-1.7 fake')
  })

  it('refuses a file name with a path in it, at the contract', () => {
    const args = ipcContract['export:save-pdf'].args
    expect(args.safeParse(['../../.bashrc']).success).toBe(false)
    expect(args.safeParse(['2026-11-27-checkout.pdf']).success).toBe(true)
  })
})
