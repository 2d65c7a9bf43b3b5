/**
 * Recent changes from the user's own git repositories, for Triage: "what changed just before it
 * broke?". The folders are added only through the main process's own folder dialog and kept in a
 * file beside the preferences, so the page can never make Steady run git on a path it chose. Git
 * runs with an argument list (never a shell), a time window and a timeout.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import {
  GIT_LIMITS,
  type GitChange,
  type Repository,
  type RepositoryChanges,
} from '../../shared/ipc-contract'
import { writeFileAtomic } from '../storage/atomic-write'

/** Runs git with these arguments (no shell), or rejects. */
export type RunGit = (args: readonly string[]) => Promise<string>

export const GIT_TIMEOUT_MS = 5_000

export const runGit: RunGit = (args) =>
  new Promise((resolve, reject) =>
    execFile(
      'git',
      [...args],
      // No pager, no prompt for credentials, and no user config that could run a program.
      {
        timeout: GIT_TIMEOUT_MS,
        maxBuffer: 8 * 1024 * 1024,
        windowsHide: true,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_PAGER: 'cat',
          GIT_CONFIG_NOSYSTEM: '1',
        },
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  )

const UNIT = '\x1f'
const RECORD = '\x1e'
const FORMAT = ['%H', '%ct', '%an', '%s', '%D', '%P'].join('%x1f') + '%x1e'

/** The `git log` arguments for the changes committed within [from, to] (epoch ms). */
export function logArgs(repo: string, from: number, to: number): string[] {
  return [
    '-C',
    repo,
    '-c',
    'log.showSignature=false',
    '-c',
    'core.fsmonitor=false',
    'log',
    '--all',
    '--no-color',
    `--since=@${Math.floor(from / 1000)}`,
    `--until=@${Math.ceil(to / 1000)}`,
    `--max-count=${GIT_LIMITS.changesPerRepository}`,
    `--pretty=format:${FORMAT}`,
  ]
}

/** `git log` output in FORMAT as changes: merges (two parents or more), tags, commits. */
export function parseLog(output: string): GitChange[] {
  return output
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter(Boolean)
    .flatMap((record) => {
      const [hash = '', seconds = '', author = '', subject = '', refs = '', parents = ''] =
        record.split(UNIT)
      if (!/^[0-9a-f]{40}$/.test(hash) || !/^\d+$/.test(seconds)) return []
      const tags = refs
        .split(', ')
        .filter((ref) => ref.startsWith('tag: '))
        .map((ref) => ref.slice(5).slice(0, GIT_LIMITS.text))
      const merge = parents.trim().split(' ').length > 1
      return [
        {
          hash,
          at: Number(seconds) * 1000,
          author: author.slice(0, GIT_LIMITS.text),
          subject: subject.slice(0, GIT_LIMITS.text),
          kind: merge ? 'merge' : tags.length ? 'tag' : 'commit',
          tags,
        } satisfies GitChange,
      ]
    })
}

const storedSchema = z.array(z.string().min(1).max(4096)).max(GIT_LIMITS.repositories)

export interface RepositoriesDeps {
  /** Where the chosen folders are kept. */
  file: string
  run: RunGit
  /** The folder dialog; undefined when cancelled. */
  chooseFolder(): Promise<string | undefined>
}

export class Repositories {
  constructor(private readonly deps: RepositoriesDeps) {}

  async list(): Promise<Repository[]> {
    return (await this.paths()).map((folder) => ({ path: folder, name: path.basename(folder) }))
  }

  /** Asks for a folder; adds its repository's top folder. Says why when it is not one. */
  async add(): Promise<{ repositories: Repository[]; error?: string }> {
    const chosen = await this.deps.chooseFolder()
    if (!chosen) return { repositories: await this.list() }
    let top: string
    try {
      top = (await this.deps.run(['-C', chosen, 'rev-parse', '--show-toplevel'])).trim()
    } catch {
      return {
        repositories: await this.list(),
        error: `${chosen} is not a git repository (or git is not installed).`,
      }
    }
    const paths = await this.paths()
    if (paths.length >= GIT_LIMITS.repositories)
      return {
        repositories: await this.list(),
        error: `At most ${GIT_LIMITS.repositories} repositories.`,
      }
    if (!paths.includes(top)) await this.save([...paths, top])
    return { repositories: await this.list() }
  }

  async remove(folder: string): Promise<Repository[]> {
    await this.save((await this.paths()).filter((p) => p !== folder))
    return this.list()
  }

  /** What was committed in each repository within [from, to]; a failing one says why. */
  async recent(from: number, to: number): Promise<RepositoryChanges[]> {
    return Promise.all(
      (await this.list()).map(async (repo) => {
        try {
          const changes = parseLog(await this.deps.run(logArgs(repo.path, from, to)))
          return { ...repo, changes: changes.filter((c) => c.at >= from && c.at <= to) }
        } catch (error) {
          const reason =
            error && typeof error === 'object' && 'killed' in error && error.killed
              ? `git took longer than ${GIT_TIMEOUT_MS / 1000} s`
              : 'git could not read it (moved or deleted?)'
          return { ...repo, changes: [], error: reason }
        }
      }),
    )
  }

  private async paths(): Promise<string[]> {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(await readFile(this.deps.file, 'utf8')))
      return parsed.success ? parsed.data : []
    } catch {
      return []
    }
  }

  private save(paths: string[]): Promise<void> {
    return writeFileAtomic(this.deps.file, JSON.stringify(paths, null, 2))
  }
}
