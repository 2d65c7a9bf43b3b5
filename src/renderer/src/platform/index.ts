import { createElectronPlatform } from './electron'
import type { Platform } from './platform'
import { createWebPlatform } from './web'

export type { Platform } from './platform'

/** The one place that asks which platform this is. */
export function detectPlatform(win: Window = window): Platform {
  return win.steady ? createElectronPlatform(win.steady) : createWebPlatform(win)
}
