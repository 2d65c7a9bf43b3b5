/**
 * The team, on the desktop: the team secret kept encrypted with the OS keyring (Electron's
 * safeStorage) instead of in the page's storage, and the team's sync server hosted by this app
 * when the user asks (Settings → Team → Host on this computer): off by default, bound to the one
 * address the user picks among this computer's own, started again with the app while it is on.
 * The Electron and network parts come in as arguments; the server is the one `npm run
 * sync-server` runs.
 */
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { HostRequest, HostStatus } from '../../shared/ipc-contract'
import type { Handle } from '../ipc/handle'
import { writeFileAtomic } from '../storage/atomic-write'
import type { RunningSyncServer, SyncServerOptions } from '../sync/sync-server'

export interface SecretStorage {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

export interface TeamDeps {
  /** Where the secret, the hosting choice and the hosted documents are kept. */
  dir: string
  safeStorage: SecretStorage
  /** This computer's IPv4 addresses (loopback first): the only ones the server may bind to. */
  addresses(): string[]
  startServer(options: SyncServerOptions): Promise<RunningSyncServer>
  log?(line: string): void
}

const hostChoiceSchema = z.object({
  on: z.boolean(),
  address: z.string().max(64),
  port: z.number().int().min(1024).max(65_535),
})
type HostChoice = z.infer<typeof hostChoiceSchema>

export class Team {
  private server: RunningSyncServer | null = null
  private choice: HostChoice = { on: false, address: '127.0.0.1', port: 1234 }
  private problem: string | null = null

  constructor(private readonly deps: TeamDeps) {}

  private file(name: string): string {
    return path.join(this.deps.dir, name)
  }

  /** The secret, decrypted; null when none is kept (or it no longer decrypts). */
  async secret(): Promise<string | null> {
    try {
      return this.deps.safeStorage.decryptString(await readFile(this.file('team-secret.bin')))
    } catch {
      return null
    }
  }

  /**
   * Keeps the secret encrypted (null forgets it). Answers whether it was kept: without an OS
   * keyring nothing is written, and the page keeps it as a browser would.
   */
  async setSecret(secret: string | null): Promise<boolean> {
    if (secret === null) {
      await rm(this.file('team-secret.bin'), { force: true })
      return true
    }
    if (!this.deps.safeStorage.isEncryptionAvailable()) return false
    await writeFileAtomic(this.file('team-secret.bin'), this.deps.safeStorage.encryptString(secret))
    return true
  }

  status(): HostStatus {
    return {
      hosting: this.server ? this.server.url : null,
      address: this.choice.address,
      port: this.choice.port,
      addresses: this.deps.addresses(),
      problem: this.problem,
    }
  }

  /** At start: hosts again if the user left hosting on. */
  async resume(): Promise<void> {
    try {
      this.choice = hostChoiceSchema.parse(
        JSON.parse(await readFile(this.file('team-host.json'), 'utf8')),
      )
    } catch {
      return // never chosen, or unreadable: hosting stays off
    }
    if (this.choice.on) await this.start()
  }

  /** Starts hosting at the chosen address and port (null stops it), and remembers the choice. */
  async host(request: HostRequest | null): Promise<HostStatus> {
    await this.stop()
    this.problem = null
    if (request) {
      if (!this.deps.addresses().includes(request.address)) {
        this.problem = `${request.address} is not an address of this computer.`
        return this.status()
      }
      this.choice = { on: true, ...request }
      await this.start()
    } else this.choice = { ...this.choice, on: false }
    await writeFileAtomic(this.file('team-host.json'), JSON.stringify(this.choice))
    return this.status()
  }

  private async start(): Promise<void> {
    const secret = await this.secret()
    if (!secret) {
      this.problem = 'Join the team first: the server needs the team secret.'
      return
    }
    try {
      this.server = await this.deps.startServer({
        dir: this.file('sync-server'),
        secret,
        address: this.choice.address,
        port: this.choice.port,
        log: this.deps.log,
      })
    } catch (error) {
      const code = (error as { code?: string }).code
      this.problem =
        code === 'EADDRINUSE'
          ? `Port ${this.choice.port} is in use on this computer: choose another.`
          : `The server did not start: ${(error as Error).message}`
    }
  }

  /** Stores every open document and stops (at quit too). */
  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    await server?.stop()
  }
}

/** This computer's IPv4 addresses, loopback first (from os.networkInterfaces()). */
export function ipv4Addresses(
  interfaces: Record<string, { address: string; family: string | number }[] | undefined>,
): string[] {
  const all = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' || i.family === 4)
    .map((i) => i.address)
  return ['127.0.0.1', ...new Set(all.filter((a) => a !== '127.0.0.1'))]
}

/** The page's calls about the team. */
export function registerTeamIpc(handle: Handle, team: Team): void {
  handle('team:get-secret', () => team.secret())
  handle('team:set-secret', (secret) => team.setSecret(secret))
  handle('team:host-status', () => team.status())
  handle('team:host', (request) => team.host(request))
}
