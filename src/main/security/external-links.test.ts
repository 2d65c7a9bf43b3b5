import { describe, expect, it, vi } from 'vitest'
import { confirmLocalLink, externalOpener } from './external-links'

const dialog = (response: number, asked: string[] = []) => ({
  showMessageBox: (async (...args: unknown[]) => {
    const options = args.at(-1) as { detail: string }
    asked.push(options.detail)
    return { response, checkboxChecked: false }
  }) as never,
})

describe('a link to this computer', () => {
  it('opens only when the user chooses Open, and shows the address it will open', async () => {
    const asked: string[] = []
    expect(await confirmLocalLink(dialog(1, asked), null, 'http://localhost:3000/')).toBe(true)
    expect(asked).toEqual(['http://localhost:3000/'])
    expect(await confirmLocalLink(dialog(0), null, 'http://localhost:3000/')).toBe(false)
  })
})

describe('externalOpener', () => {
  const setup = (response: number) => {
    const asked: string[] = []
    const shell = { openExternal: vi.fn(() => Promise.resolve()) }
    return { open: externalOpener(dialog(response, asked), shell, () => null), shell, asked }
  }

  it('opens an allowlisted link without asking', async () => {
    const { open, shell, asked } = setup(0)
    expect(await open('https://status.example.com/')).toBe(true)
    expect(shell.openExternal).toHaveBeenCalledWith('https://status.example.com/')
    expect(asked).toEqual([])
  })

  it('asks before a link to this computer, and opens nothing when refused', async () => {
    const refused = setup(0)
    expect(await refused.open('http://127.0.0.1:8080/admin')).toBe(false)
    expect(refused.asked).toHaveLength(1)
    expect(refused.shell.openExternal).not.toHaveBeenCalled()
    const agreed = setup(1)
    expect(await agreed.open('http://127.0.0.1:8080/admin')).toBe(true)
    expect(agreed.shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:8080/admin')
  })

  it('never opens a file or script link, and never asks about one', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      const { open, shell, asked } = setup(1)
      expect(await open(url)).toBe(false)
      expect(shell.openExternal).not.toHaveBeenCalled()
      expect(asked).toEqual([])
    }
  })
})
