/**
 * Remembers the main window's size, position and maximised state between launches, in a small JSON
 * file under the user-data folder. A missing or corrupt file, or a position on a display that is no
 * longer attached, falls back to a centred default window.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { writeFileAtomic } from '../storage/atomic-write'

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().default(false),
})
export type WindowState = z.infer<typeof windowStateSchema>

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false }

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export async function loadWindowState(file: string, displays: Rect[]): Promise<WindowState> {
  let parsed: WindowState
  try {
    parsed = windowStateSchema.parse(JSON.parse(await readFile(file, 'utf8')))
  } catch {
    return DEFAULT_WINDOW_STATE
  }
  const { x, y } = parsed
  if (x === undefined || y === undefined) return parsed
  // Keep the position only if the window's top-left area is still on some display.
  const visible = displays.some(
    (d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y && y < d.y + d.height - 50,
  )
  return visible
    ? parsed
    : { width: parsed.width, height: parsed.height, maximized: parsed.maximized }
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(state))
}
