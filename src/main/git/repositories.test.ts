import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Repositories, logArgs, parseLog, runGit, type RunGit } from './repositories'

const HOUR = 3_600_000
const T = Date.UTC(2026, 10, 27, 14) // impact started

let dir: string
let repo: string

/** A commit made at `at`, by `author`. */
function commit(subject: string, at: number, extra: string[] = []) {
  const date = `@${at / 1000} +0000`
  execFileSync('git', ['-C', repo, 'commit', '--allow-empty', '-q', '-m', subject, ...extra], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ana',
      GIT_AUTHOR_EMAIL: 'ana@example.com',
      GIT_COMMITTER_NAME: 'Ana',
      GIT_COMMITTER_EMAIL: 'ana@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  })
}
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], {
    env: {
      ...process.env,
      GIT_COMMITTER_DATE: `@${(T - HOUR) / 1000} +0000`,
      GIT_COMMITTER_NAME: 'Ana',
      GIT_COMMITTER_EMAIL: 'a@x',
      GIT_AUTHOR_NAME: 'Ana',
      GIT_AUTHOR_EMAIL: 'a@x',
    },
  })

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'steady-git-'))
  repo = path.join(dir, 'checkout-service')
  execFileSync('git', ['init', '-q', '-b', 'main', repo])
  await mkdir(path.join(repo, 'src'))
  commit('Old change, a day before', T - 24 * HOUR)
  commit('Bump pool size to 5', T - 3 * HOUR)
  git('checkout', '-q', '-b', 'feature')
  commit('Feature work', T - 2 * HOUR)
  git('checkout', '-q', 'main')
  git('merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature')
  git('tag', 'v1.4.0')
  commit('After the impact started', T + 2 * HOUR)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function repositories(run: RunGit = runGit, folder: string | undefined = repo) {
  return new Repositories({
    file: path.join(dir, `repos-${Math.random()}.json`),
    run,
    chooseFolder: () => Promise.resolve(folder),
  })
}

describe('recent changes from a git repository', () => {
  it('lists the commits, merges and tags of the hours before impact, and nothing outside them', async () => {
    const repos = repositories()
    await repos.add()
    const [found] = await repos.recent(T - 6 * HOUR, T)
    expect(found?.name).toBe('checkout-service')
    expect(found?.error).toBeUndefined()
    expect(found?.changes.map((c) => [c.kind, c.subject, c.tags, c.author])).toEqual([
      ['merge', 'Merge feature', ['v1.4.0'], 'Ana'],
      ['commit', 'Feature work', [], 'Ana'],
      ['commit', 'Bump pool size to 5', [], 'Ana'],
    ])
    expect(found?.changes[2]?.at).toBe(T - 3 * HOUR)
  })

  it('keeps the repository’s top folder once, from any folder inside it, and refuses a plain folder', async () => {
    const repos = repositories(runGit, path.join(repo, 'src'))
    await repos.add()
    expect((await repos.add()).repositories).toEqual([{ path: repo, name: 'checkout-service' }])
    const plain = await repositories(runGit, dir).add()
    expect(plain.error).toMatch(/is not a git repository/)
    expect(plain.repositories).toEqual([])
    expect(await repos.remove(repo)).toEqual([])
  })

  it('passes the time window and the folder as arguments, never through a shell', () => {
    const args = logArgs('/tmp/a repo; rm -rf ~', T - HOUR, T)
    expect(args.slice(0, 2)).toEqual(['-C', '/tmp/a repo; rm -rf ~'])
    expect(args).toContain(`--since=@${(T - HOUR) / 1000}`)
    expect(args).toContain(`--until=@${T / 1000}`)
  })

  it('says which repository git could not read, and still answers for the others', async () => {
    const repos = repositories((args) =>
      args.includes('log')
        ? Promise.reject(Object.assign(new Error('t'), { killed: true }))
        : runGit(args),
    )
    await repos.add()
    expect(await repos.recent(T - HOUR, T)).toEqual([
      { path: repo, name: 'checkout-service', changes: [], error: 'git took longer than 5 s' },
    ])
  })

  it('ignores what is not a well-formed record', () => {
    expect(parseLog('garbage\x1e')).toEqual([])
  })
})
