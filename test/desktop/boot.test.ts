/**
 * The desktop process, proven without a real Electron: the *built* main bundle (`out/main/index.js`)
 * and the *built* preload boot under Node against a recording fake of `electron`
 * (test/desktop/fake-electron.ts), and the test drives them through a user's day. It shows the
 * wiring is right (handlers registered and validating, the window's options and preload, the
 * reminder pipeline to a notification, the tray, the last backup at quit). What only a real
 * Electron shows — pixels, the OS notification centre, the tray icon, file dialogs, the sandbox
 * itself — stays for a release machine. Run after `npm run build` (npm test does).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { SteadyApi } from '../../src/shared/ipc-contract'
import { WebSocket } from 'ws'
import * as electron from './fake-electron'

vi.mock('electron', async () => {
  const fake = await import('./fake-electron')
  return { ...fake, default: fake.default }
})

const OUT = path.resolve('out')

/** Runs the built preload (CommonJS) with the fake in place of `electron`. */
function loadPreload(): SteadyApi {
  const code = readFileSync(path.join(OUT, 'preload/index.cjs'), 'utf8')
  const module = { exports: {} }
  const require = (name: string) => {
    if (name === 'electron') return electron
    throw new Error(`The preload required ${name}: it may only use electron.`)
  }
  new Function('require', 'module', 'exports', code)(require, module, module.exports)
  return electron.exposed.get('steady') as SteadyApi
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the desktop process, booted from the build', () => {
  let steady: SteadyApi
  /** A backup as the page writes one: begun, sent in a piece, finished with its summary. */
  const writeBackup = async (reason: 'scheduled' | 'quit', content: string) => {
    const token = await steady.backup.begin(reason)
    await steady.backup.append(token, new TextEncoder().encode(content))
    return steady.backup.finish(token, {
      counts: { incidents: 0 },
      fingerprint: createHash('sha256').update(content).digest('hex'),
    })
  }
  const window = () => electron.BrowserWindow.all[0]!
  const sent = () => window().webContents.sent.map(([channel]) => channel)

  afterAll(() => {
    electron.app.fire('will-quit')
  })

  it('registers its protocol before ready, then opens one secure window with the built preload', async () => {
    await import(/* @vite-ignore */ path.join(OUT, 'main/index.js'))
    expect(electron.calls).toContain('protocol.registerSchemesAsPrivileged (ready: false)')
    expect(electron.BrowserWindow.all).toHaveLength(0)
    electron.app.ready()
    await vi.waitFor(() => expect(electron.BrowserWindow.all).toHaveLength(1), { timeout: 5000 })
    const prefs = window().options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(existsSync(String(prefs['preload']))).toBe(true)
    expect(window().webContents.url).toBe('app://steady/index.html')
    expect(electron.protocol.handlers.has('app')).toBe(true)
    expect(electron.session.defaultSession.permissionRequest).not.toBeNull()
  })

  it('serves the built page through app:// with the CSP, and nothing outside it', async () => {
    const serve = electron.protocol.handlers.get('app')!
    const page = await serve(new Request('app://steady/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    expect(await page.text()).toMatch(/<div id="root">/)
    expect((await serve(new Request('app://steady/../../etc/passwd'))).status).toBe(404)
  })

  it('answers every preload function through IPC, validating what it is given', async () => {
    steady = loadPreload()
    expect(Object.keys(steady).sort()).toEqual(
      [
        'app',
        'backup',
        'desktop',
        'events',
        'export',
        'git',
        'reminders',
        'shell',
        'team',
        'tray',
      ].sort(),
    )
    expect(await steady.app.getInfo()).toMatchObject({ name: 'Steady', version: '0.0.0-test' })
    expect(await steady.shell.openExternal('https://status.example.com/')).toBe(true)
    expect(await steady.shell.openExternal('javascript:alert(1)')).toBe(false)
    // A link to this computer asks first (the fake's dialog answers Cancel): nothing opens.
    expect(await steady.shell.openExternal('http://localhost:3000/')).toBe(false)
    expect(electron.shell.opened).toEqual(['https://status.example.com/'])
    expect(await steady.desktop.getPreferences()).toMatchObject({ closeToTray: true })
    await expect(steady.desktop.setPreferences({ quickCaptureShortcut: 'N' })).rejects.toThrow(
      /invalid arguments/,
    )
    expect(await steady.desktop.setPreferences({ openAtLogin: true })).toMatchObject({
      openAtLogin: true,
    })
    expect(electron.app.loginItem).toEqual({ openAtLogin: true })
    expect(await steady.backup.list()).toEqual([])
    const written = await writeBackup('scheduled', '{"format":"steady-export"}')
    expect(written).toMatchObject({ reason: 'scheduled' })
    expect(await steady.backup.list()).toHaveLength(1)
    expect(await steady.export.saveMarkdown({ fileName: 'x.md', content: '# x' })).toEqual({
      saved: false,
    })
    await expect(
      steady.export.saveFolder([{ fileName: '.bashrc', content: 'evil' }]),
    ).rejects.toThrow(/invalid arguments/)
    // The post-mortem as a PDF: the page printed with its print stylesheet, where the user chose.
    const pdfPath = path.join(electron.app.getPath('userData'), 'post-mortem.pdf')
    electron.dialog.nextPath = pdfPath
    expect(await steady.export.savePdf('2026-11-27-checkout.pdf')).toEqual({
      saved: true,
      where: pdfPath,
    })
    expect(readFileSync(pdfPath, 'utf8')).toBe('%PDF-fake')
    electron.dialog.nextPath = undefined
    await expect(steady.export.savePdf('../evil.pdf')).rejects.toThrow(/invalid arguments/)
    // An export of everything arrives in pieces and is put in place whole when finished.
    const exportPath = path.join(electron.app.getPath('userData'), 'everything')
    electron.dialog.nextPath = exportPath
    const token = await steady.export.begin({ fileName: 'steady-export.json.gz', kind: 'json.gz' })
    electron.dialog.nextPath = undefined
    expect(token).toMatch(/^[0-9a-f]{32}$/)
    await steady.export.append(token!, new TextEncoder().encode('{"format":'))
    expect(existsSync(`${exportPath}.json.gz`)).toBe(false)
    await steady.export.append(token!, new TextEncoder().encode('"steady-export"}'))
    expect(await steady.export.finish(token!, true)).toEqual({
      saved: true,
      where: `${exportPath}.json.gz`,
    })
    expect(readFileSync(`${exportPath}.json.gz`, 'utf8')).toBe('{"format":"steady-export"}')
    // CSV files of any size: a folder chosen once, each file arriving in pieces, put in place.
    const folder = mkdtempSync(path.join(electron.app.getPath('userData'), 'csv-'))
    electron.dialog.nextPath = folder
    const names = ['2026-11-29-incidents.csv', '2026-11-29-action-items.csv']
    const csv = await steady.export.beginFolder(names)
    electron.dialog.nextPath = undefined
    expect(csv).toEqual({ where: folder, tokens: [expect.any(String), expect.any(String)] })
    for (const [i, token] of csv!.tokens.entries()) {
      await steady.export.append(token, new TextEncoder().encode(`id\r\n${i}`))
      expect(await steady.export.finish(token, true)).toMatchObject({ saved: true })
    }
    expect(readFileSync(path.join(folder, names[1]!), 'utf8')).toBe('id\r\n1')
    await expect(steady.export.beginFolder(['2026-11-29-chart.svg'])).rejects.toThrow(
      /invalid arguments/,
    )
    // Every post-mortem: a folder chosen once for all their names, then a file at a time.
    const pms = mkdtempSync(path.join(electron.app.getPath('userData'), 'pm-'))
    electron.dialog.nextPath = pms
    const pmFolder = await steady.export.openFolder(['2026-11-26-outage.md', '2026-11-27-slow.md'])
    electron.dialog.nextPath = undefined
    expect(pmFolder).toEqual({ where: pms, token: expect.stringMatching(/^[0-9a-f]{32}$/) })
    await steady.export.folderFile(pmFolder!.token, 1, '# Slow')
    await steady.export.closeFolder(pmFolder!.token)
    expect(readFileSync(path.join(pms, '2026-11-27-slow.md'), 'utf8')).toBe('# Slow')
    await expect(steady.export.folderFile(pmFolder!.token, 0, '# x')).rejects.toThrow(
      /no longer being written/,
    )
    // Cancelled in the dialog: no token. A piece over the limit, or a made-up token: refused.
    expect(await steady.export.begin({ fileName: 'x.json', kind: 'json' })).toBeNull()
    const big = await steady.backup.begin('scheduled')
    await expect(steady.backup.append(big, new Uint8Array(16 * 1024 * 1024 + 1))).rejects.toThrow(
      /invalid arguments/,
    )
    expect(await steady.backup.finish(big, null)).toBeNull()
    await expect(steady.export.append('f'.repeat(32), new Uint8Array(1))).rejects.toThrow(
      /no longer being written/,
    )
    // A backup reads back, a piece at a time.
    const [newest] = await steady.backup.list()
    const piece = await steady.backup.read(newest!.name, 0)
    expect(new TextDecoder().decode(piece.bytes)).toBe('{"format":"steady-export"}')
    await expect(steady.backup.read('../../etc/passwd', 0)).rejects.toThrow(/invalid arguments/)
    // Git runs only in folders chosen in the main process's own dialog; a plain folder is refused.
    expect(await steady.git.list()).toEqual([])
    electron.dialog.nextPath = electron.app.getPath('userData')
    expect((await steady.git.add()).error).toMatch(/is not a git repository/)
    electron.dialog.nextPath = undefined
    expect(await steady.git.recent({ from: 0, to: 60_000 })).toEqual([])
    await expect(steady.git.recent({ from: 0, to: 8 * 86_400_000 })).rejects.toThrow(
      /invalid arguments/,
    )
  })

  it('keeps the team secret sealed by the OS keyring, and hosts the team server only when asked', async () => {
    const secret = 'correct horse battery staple'
    expect(await steady.team.getSecret()).toBeNull()
    await expect(steady.team.setSecret('short')).rejects.toThrow(/invalid arguments/)
    expect(await steady.team.setSecret(secret)).toBe(true)
    expect(await steady.team.getSecret()).toBe(secret)
    const kept = readFileSync(path.join(electron.app.getPath('userData'), 'team-secret.bin'))
    expect(kept.toString()).not.toContain(secret)
    // Off by default; only this computer's own addresses; then teammates can connect.
    const off = await steady.team.hostStatus()
    expect(off).toMatchObject({ hosting: null })
    expect(off.addresses[0]).toBe('127.0.0.1')
    expect((await steady.team.host({ address: '10.255.255.1', port: 4321 })).problem).toMatch(
      /not an address of this computer/,
    )
    await expect(steady.team.host({ address: '0.0.0.0; rm', port: 4321 })).rejects.toThrow(
      /invalid arguments/,
    )
    const port = await freePort()
    const on = await steady.team.host({ address: '127.0.0.1', port })
    expect(on).toMatchObject({ hosting: `ws://127.0.0.1:${port}`, problem: null })
    await new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`)
      socket.on('open', () => resolve(socket.close()))
      socket.on('error', reject)
    })
    expect(await steady.team.host(null)).toMatchObject({ hosting: null })
    // A port something else holds says so.
    const taken = createServer().listen(port, '127.0.0.1')
    await new Promise((resolve) => taken.once('listening', resolve))
    const busy = await steady.team.host({ address: '127.0.0.1', port })
    expect(busy).toMatchObject({ hosting: null, problem: expect.stringMatching(/in use/) })
    taken.close()
    expect(await steady.team.host(null)).toMatchObject({ hosting: null, problem: null })
    // Forgetting the secret removes it.
    expect(await steady.team.setSecret(null)).toBe(true)
    expect(await steady.team.getSecret()).toBeNull()
    // Without a keyring nothing is written: the page keeps the secret itself.
    electron.safeStorage.available = false
    expect(await steady.team.setSecret(secret)).toBe(false)
    expect(await steady.team.getSecret()).toBeNull()
    electron.safeStorage.available = true
  })

  it('refuses a call from any other origin', async () => {
    electron.setPageOrigin('https://evil.example/')
    await expect(steady.app.getInfo()).rejects.toThrow(/did not come from Steady's own page/)
    electron.setPageOrigin('app://steady/index.html')
  })

  it('fires a synced reminder as one notification, tells the page; a click shows its incident', async () => {
    const fired: string[][] = []
    const unsubscribe = steady.events.onRemindersFired((list) => fired.push(list.map((r) => r.id)))
    const timebox = {
      id: 'inc-1:capture-timebox',
      incidentId: 'inc-1',
      at: Date.now() + 50,
      title: 'Time to move on to triage',
      body: 'Checkout 502',
    }
    expect(await steady.reminders.sync([timebox])).toEqual([])
    await vi.waitFor(() => expect(electron.Notification.shown).toHaveLength(1), { timeout: 3000 })
    expect(electron.Notification.shown[0]?.options.title).toBe('Time to move on to triage')
    // The page hears of it, to write it on the timeline; a schedule it sent before is answered.
    await vi.waitFor(() => expect(fired).toEqual([['inc-1:capture-timebox']]))
    expect(await steady.reminders.sync([timebox])).toEqual([timebox])
    unsubscribe()
    electron.Notification.shown[0]?.click()
    await settle()
    expect(window().webContents.sent).toContainEqual(['app:open-incident', 'inc-1'])
    expect(electron.Notification.shown).toHaveLength(1)
  })

  it('shows many due at once as one summary that opens the reminder center', async () => {
    const before = electron.Notification.shown.length
    const due = Array.from({ length: 40 }, (_, n) => ({
      id: `inc-${n % 4}:r${n}`,
      incidentId: `inc-${n % 4}`,
      at: Date.now() - 60_000,
      title: `Reminder ${n}`,
      body: 'body',
    }))
    await steady.reminders.sync(due)
    await vi.waitFor(() => expect(electron.Notification.shown).toHaveLength(before + 1))
    const summary = electron.Notification.shown.at(-1)!
    expect(summary.options.title).toBe('40 reminders: 4 incidents need attention')
    summary.click()
    await settle()
    expect(sent().at(-1)).toBe('app:open-reminders')
    await steady.reminders.sync([])
  })

  it('shows what the page says in the tray and on the badge', async () => {
    await steady.tray.update({ activeIncidents: [{ id: 'inc-1', title: 'Checkout 502' }], due: 5 })
    const items = electron.Tray.last?.menu?.items ?? []
    expect(items.map((i) => i.label)).toEqual(
      expect.arrayContaining(['Checkout 502', 'Reminders (5 due)']),
    )
    expect(electron.Tray.last?.toolTip).toBe('Steady — 1 in progress · 5 reminders due')
    expect(electron.app.badge).toBe(5)
    items.find((i) => i.label === 'Checkout 502')?.click?.()
    await settle()
    expect(window().webContents.sent.at(-1)).toEqual(['app:open-incident', 'inc-1'])
    await expect(steady.tray.update({ activeIncidents: [], due: -1 })).rejects.toThrow(
      /invalid arguments/,
    )
  })

  it('closes to the tray, and the tray opens a new incident', async () => {
    window().close()
    expect(window().visible).toBe(false)
    expect(electron.BrowserWindow.all).toHaveLength(1)
    electron.Tray.last?.menu?.items.find((i) => i.label === 'New incident')?.click?.()
    await settle()
    expect(window().visible).toBe(true)
    expect(sent()).toContain('app:new-incident')
  })

  it('reloads a crashed page, and explains instead of looping when it keeps crashing', async () => {
    const contents = window().webContents
    contents.emit('render-process-gone', {}, { reason: 'crashed' })
    expect(contents.reloads).toBe(1)
    contents.emit('render-process-gone', {}, { reason: 'oom' })
    contents.emit('render-process-gone', {}, { reason: 'oom' })
    await settle()
    expect(electron.dialog.asked.at(-1)?.title).toBe('Steady’s window keeps stopping')
    // The fake's answer is not "Quit": the page is reloaded once more.
    expect(contents.reloads).toBe(3)
  })

  it('a second instance brings the window forward', async () => {
    window().hide()
    electron.app.fire('second-instance')
    await settle()
    expect(window().visible).toBe(true)
  })

  it('quits after exactly one last backup', async () => {
    let asked = 0
    const answer = steady.events.onBackupRequest((reason) => {
      asked++
      void writeBackup(reason, '{}')
    })
    electron.app.quit()
    await vi.waitFor(() => expect(electron.app.quitCalls).toBe(2), { timeout: 4000 })
    expect(asked).toBe(1)
    electron.app.fire('before-quit')
    expect(asked).toBe(1)
    answer()
    expect((await steady.backup.list()).map((b) => b.reason)).toContain('quit')
  })
})
