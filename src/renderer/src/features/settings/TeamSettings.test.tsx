import type { HostRequest, HostStatus } from '@shared/ipc-contract'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { TEAM_CONFIG_KEY } from '../../boot/connections'
import type { Platform } from '../../platform/platform'
import { PlatformContext } from '../../platform/platform-context'
import { resolveTeamConfig } from '../../sync/team-config'
import { TeamSettings } from './TeamSettings'

const SECRET = 'correct horse battery staple'

/** The desktop's team service at the process boundary: a keyring, and a server that starts. */
function desktop({ keyring = true, taken = false } = {}) {
  let sealed: string | null = null
  const hosted: (HostRequest | null)[] = []
  const status = (request: HostRequest | null): HostStatus => ({
    hosting: request && !taken ? `ws://${request.address}:${request.port}` : null,
    address: request?.address ?? '127.0.0.1',
    port: request?.port ?? 1234,
    addresses: ['127.0.0.1', '192.168.1.20'],
    problem:
      request && taken ? `Port ${request.port} is in use on this computer: choose another.` : null,
  })
  const team = {
    getSecret: () => Promise.resolve(sealed),
    setSecret: (secret: string | null) => {
      if (!keyring && secret) return Promise.resolve(false)
      sealed = secret
      return Promise.resolve(true)
    },
    hostStatus: () => Promise.resolve(status(null)),
    host: (request: HostRequest | null) => {
      hosted.push(request)
      return Promise.resolve(status(request))
    },
  }
  return { team, hosted, sealed: () => sealed }
}

const reload = vi.fn()
afterEach(() => {
  localStorage.clear()
  reload.mockReset()
})

function show(team: Platform['team']) {
  Object.defineProperty(window, 'location', { value: { reload }, configurable: true })
  render(
    <PlatformContext.Provider value={{ team } as unknown as Platform}>
      <TeamSettings />
    </PlatformContext.Provider>,
  )
}

function fill(secret: string) {
  fireEvent.change(screen.getByLabelText('Team secret'), { target: { value: secret } })
  fireEvent.change(screen.getByLabelText('Name shown to the team'), { target: { value: 'Ana' } })
}

it('hosts the team server on the chosen address of this computer, and joins it with the secret sealed', async () => {
  const { team, hosted, sealed } = desktop()
  show(team)
  fireEvent.click(screen.getByRole('radio', { name: 'Host it on this computer' }))
  await screen.findByRole('option', { name: '192.168.1.20 (your network)' })
  fireEvent.change(screen.getByLabelText('Listen on'), { target: { value: '192.168.1.20' } })
  fireEvent.change(screen.getByLabelText('Port'), { target: { value: '4444' } })
  fill(SECRET)
  fireEvent.click(screen.getByRole('button', { name: 'Host and join the team' }))
  await waitFor(() => expect(reload).toHaveBeenCalled())
  expect(hosted).toEqual([{ address: '192.168.1.20', port: 4444 }])
  expect(sealed()).toBe(SECRET)
  // The page's storage keeps the address and name, never the sealed secret.
  const stored = localStorage.getItem(TEAM_CONFIG_KEY) ?? ''
  expect(JSON.parse(stored)).toEqual({ url: 'ws://192.168.1.20:4444', name: 'Ana' })
  expect(await resolveTeamConfig(team)).toEqual({
    url: 'ws://192.168.1.20:4444',
    name: 'Ana',
    secret: SECRET,
  })
})

it('says why hosting failed, and does not join a server that is not there', async () => {
  const { team } = desktop({ taken: true })
  show(team)
  fireEvent.click(screen.getByRole('radio', { name: 'Host it on this computer' }))
  fireEvent.change(screen.getByLabelText('Port'), { target: { value: '80' } })
  fill(SECRET)
  fireEvent.click(screen.getByRole('button', { name: 'Host and join the team' }))
  expect((await screen.findByRole('alert')).textContent).toMatch(/Port: a number from 1024/)
  fireEvent.change(screen.getByLabelText('Port'), { target: { value: '4444' } })
  fireEvent.click(screen.getByRole('button', { name: 'Host and join the team' }))
  await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/4444 is in use/))
  expect(reload).not.toHaveBeenCalled()
  expect(localStorage.getItem(TEAM_CONFIG_KEY)).toBeNull()
})

it('keeps the secret in the app’s storage where the computer has no keyring, and says so', async () => {
  const { team } = desktop({ keyring: false })
  show(team)
  fireEvent.change(screen.getByLabelText('Sync server'), {
    target: { value: 'wss://sync.example.com' },
  })
  fill(SECRET)
  fireEvent.click(screen.getByRole('button', { name: 'Join the team' }))
  await waitFor(() => expect(reload).toHaveBeenCalled())
  expect(JSON.parse(localStorage.getItem(TEAM_CONFIG_KEY) ?? '')).toMatchObject({
    secret: SECRET,
  })
})

it('says where the secret is kept once joined: sealed by the keyring, or in the app', () => {
  const { team } = desktop()
  localStorage.setItem(TEAM_CONFIG_KEY, JSON.stringify({ url: 'ws://10.0.0.2:1234', name: 'Ana' }))
  show(team)
  expect(screen.getByText(/sealed by this computer’s keyring/)).toBeTruthy()
  cleanup()
  localStorage.setItem(
    TEAM_CONFIG_KEY,
    JSON.stringify({ url: 'ws://10.0.0.2:1234', name: 'Ana', secret: SECRET }),
  )
  show(team)
  expect(screen.getByText(/no keyring: the team secret is kept in this app’s storage/)).toBeTruthy()
})
