/**
 * The packaging configuration, checked where packaging itself cannot run (it needs the Electron
 * download): the app id that keeps users' data and single-instance lock, icons that exist, the
 * security fuses, and a files list that ships the build and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { APP_ORIGIN } from '../src/main/security/app-protocol'

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>

describe('electron-builder.yml', () => {
  it('keeps the app id and product name users already have', () => {
    expect(config['appId']).toBe('dev.steady.app')
    expect(config['productName']).toBe(pkg['productName'])
    expect(APP_ORIGIN).toBe('app://steady')
  })

  it('points every platform at an icon that exists', () => {
    for (const platform of ['linux', 'win', 'mac']) {
      const icon = (config[platform] as { icon: string }).icon
      expect(existsSync(icon), `${platform}: ${icon}`).toBe(true)
    }
    expect(existsSync('resources/tray-32.png')).toBe(true)
  })

  it('turns the dangerous fuses off and the protective ones on', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('ships the build, the resources and package.json, and no sources, tests or source maps', () => {
    const files = config['files'] as string[]
    expect(files).toEqual(
      expect.arrayContaining(['out/**', 'resources/**', 'package.json', '!**/*.map']),
    )
    for (const leak of ['src', 'test', 'bench', 'scripts', 'node_modules/.cache'])
      expect(
        files.some((f) => f.startsWith(leak)),
        leak,
      ).toBe(false)
    expect(pkg['main']).toBe('./out/main/index.js')
  })
})
