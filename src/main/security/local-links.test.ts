import { describe, expect, it } from 'vitest'
import { confirmLocalLink } from './local-links'

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
