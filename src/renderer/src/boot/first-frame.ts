/**
 * The first frame. A cold start shows the incidents list as it last looked (saved when the window
 * was hidden or closed), painted before the app's code has loaded; the live app replaces it a few
 * hundred milliseconds later. Keys pressed and clicks made on the picture meanwhile are held and
 * handed to the live app, so nothing typed or clicked in that moment is lost.
 *
 * This module is the whole of the start-up bundle: keep it small and free of dependencies.
 */

/** Where the UI store (stores/ui-store.ts) keeps the screen and the theme. */
export const UI_STORAGE_KEY = 'steady.ui'
const FRAME_KEY = 'steady.first-frame'
const FRAME_ID = 'first-frame'

interface SavedUi {
  state?: { route?: { screen?: string }; theme?: string }
}

type Held =
  | { kind: 'key'; init: KeyboardEventInit & { key: string } }
  | { kind: 'click'; path: number[]; text: string; incidentId?: string }

/**
 * A click on the picture that the live app could not take as it was: its control is not there
 * (the data changed since the picture was saved). Never dropped silently: start.tsx opens the
 * incident it named, or says why it cannot.
 */
export interface MissedClick {
  text: string
  /** The incident of the clicked row (rows carry `data-id`). */
  incidentId?: string
}

const held: Held[] = []

function readJson(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null')
  } catch {
    return null
  }
}

/**
 * Applies the saved theme at once (no light flash before a dark app) and, when the app will open
 * on the incidents list, paints the saved picture of it. Returns whether it painted.
 */
export function paintFirstFrame(): boolean {
  const ui = (readJson(UI_STORAGE_KEY) as SavedUi | null)?.state
  if (ui?.theme === 'light' || ui?.theme === 'dark')
    document.documentElement.dataset['theme'] = ui.theme
  const saved = readJson(FRAME_KEY) as { html?: unknown } | null
  if ((ui?.route?.screen ?? 'incidents') !== 'incidents' || typeof saved?.html !== 'string')
    return false
  const frame = document.createElement('div')
  frame.id = FRAME_ID
  frame.className = 'first-frame'
  frame.setAttribute('aria-busy', 'true')
  frame.append(sanitize(saved.html))
  document.body.prepend(frame)
  for (const [type, listener] of LISTENERS) window.addEventListener(type, listener, true)
  return true
}

/** What the list's markup uses, and nothing that can run code, load anything or submit. */
const TAGS = new Set([
  ...['div', 'nav', 'main', 'section', 'header', 'footer', 'aside', 'span', 'p', 'h1', 'h2', 'h3'],
  ...['ul', 'ol', 'li', 'strong', 'em', 'small', 'kbd', 'time', 'button', 'label', 'input'],
  ...['select', 'option', 'svg', 'g', 'path', 'rect', 'circle', 'line', 'polyline', 'polygon'],
  // The skip link: kept (without its href) so positions in the picture match the app's.
  'a',
])
/**
 * The CSP refuses style attributes in markup (and reports each one), so the rows' offsets are
 * saved under this name and applied through the CSSOM, which it allows.
 */
const STYLE = 'data-frame-style'
const ATTRIBUTES =
  /^(class|id|role|title|type|for|placeholder|value|xmlns|width|height|viewbox|fill|stroke(-[a-z]+)?|d|x|y|rx|ry|cx|cy|r|points|aria-[a-z]+|data-[a-z-]+)$/

/**
 * The picture is saved from our own DOM, but it holds incident titles: it goes through an
 * allowlist of elements and attributes like any user content (DOMPurify, used elsewhere, takes
 * tens of milliseconds to start, which is the whole budget of this frame). The template parses
 * it inertly: nothing in it runs or loads before it is cleaned.
 */
export function sanitize(html: string): DocumentFragment {
  const template = document.createElement('template')
  template.innerHTML = html
  for (const element of template.content.querySelectorAll('*')) {
    if (!TAGS.has(element.localName)) {
      element.remove()
      continue
    }
    for (const { name, value } of [...element.attributes]) {
      if (ATTRIBUTES.test(name.toLowerCase()) && name !== STYLE) continue
      element.removeAttribute(name)
      if (name === STYLE) (element as HTMLElement).style.cssText = value
    }
  }
  return template.content
}

const INTERACTIVE = 'button, a, input, select, textarea, [role="button"], [tabindex]'

/** Child positions from the frame down to the clicked control, to find its twin in the app. */
function pathOf(target: EventTarget | null): number[] | null {
  const frame = document.getElementById(FRAME_ID)
  let node = target instanceof Element ? target.closest(INTERACTIVE) : null
  if (!frame || !node || !frame.contains(node)) return null
  const path: number[] = []
  while (node && node !== frame) {
    const parent: Element | null = node.parentElement
    if (!parent) return null
    path.unshift(Array.prototype.indexOf.call(parent.children, node))
    node = parent
  }
  return path
}

const LISTENERS: [string, (event: Event) => void][] = [
  [
    'keydown',
    (event) => {
      const e = event as KeyboardEvent
      held.push({
        kind: 'key',
        init: {
          key: e.key,
          code: e.code,
          ctrlKey: e.ctrlKey,
          shiftKey: e.shiftKey,
          altKey: e.altKey,
          metaKey: e.metaKey,
          bubbles: true,
          cancelable: true,
        },
      })
      event.preventDefault()
      event.stopImmediatePropagation()
    },
  ],
  // No focus or text selection inside the picture.
  ['mousedown', (event) => event.preventDefault()],
  [
    'click',
    (event) => {
      const path = pathOf(event.target)
      const control = (event.target as Element | null)?.closest(INTERACTIVE)
      const incidentId = control?.closest<HTMLElement>('[data-id]')?.dataset['id']
      if (path) held.push({ kind: 'click', path, text: control?.textContent ?? '', incidentId })
      event.preventDefault()
      event.stopImmediatePropagation()
    },
  ],
]

const isTextField = (el: Element | null): el is HTMLInputElement | HTMLTextAreaElement =>
  el instanceof HTMLTextAreaElement ||
  (el instanceof HTMLInputElement && /^(text|search|url|email|)$/.test(el.type))

function replayKey(init: KeyboardEventInit & { key: string }): void {
  const target = document.activeElement ?? document.body
  const proceed = target.dispatchEvent(new KeyboardEvent('keydown', init))
  // A synthetic key press types nothing by itself: put the character in, as the key would have.
  if (!proceed || init.key.length !== 1 || init.ctrlKey || init.metaKey || init.altKey) return
  const field = document.activeElement
  if (!isTextField(field)) return
  field.setRangeText(init.key, field.selectionStart ?? 0, field.selectionEnd ?? 0, 'end')
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/** The same control, even if a clock on it ("12m") moved on since the picture was saved. */
const sameText = (a: string | null, b: string) => a?.replace(/\d+/g, '#') === b.replace(/\d+/g, '#')

/**
 * Something live is on screen in `root`: remove the picture and, when it is the app (`replay`),
 * replay what the user did on the picture, in order. A click on a row replays on the live row of
 * the same incident, wherever it is now; any other click, on the same control (same place, same
 * text). Returns the clicks that found no such control.
 */
export function handOver(root: HTMLElement, replay: boolean): MissedClick[] {
  const frame = document.getElementById(FRAME_ID)
  if (!frame) return []
  for (const [type, listener] of LISTENERS) window.removeEventListener(type, listener, true)
  frame.remove()
  const actions = held.splice(0)
  const missed: MissedClick[] = []
  if (!replay) return missed
  for (const action of actions) {
    if (action.kind === 'key') {
      replayKey(action.init)
      continue
    }
    let node: Element | null | undefined = root
    if (action.incidentId)
      node = [...root.querySelectorAll<HTMLElement>('[data-id]')].find(
        (el) => el.dataset['id'] === action.incidentId,
      )
    else {
      for (const index of action.path) node = node?.children[index]
      if (!sameText(node?.textContent ?? null, action.text)) node = null
    }
    if (node instanceof HTMLElement) node.click()
    else missed.push({ text: action.text.trim(), incidentId: action.incidentId })
  }
  return missed
}

/** Saves the incidents list as it looks now (what is on screen), for the next start. */
export function saveFirstFrame(root: HTMLElement): void {
  const copy = root.cloneNode(true) as HTMLElement
  const below = (el: Element) => el.getBoundingClientRect().top >= window.innerHeight
  const rows = [...root.querySelectorAll('.incident-row-item')].map(below)
  copy.querySelectorAll('.incident-row-item').forEach((row, i) => rows[i] && row.remove())
  // What was announced then ("Saved", an error) is not news at the next start.
  for (const live of copy.querySelectorAll('[role="status"], [role="alert"]'))
    live.replaceChildren()
  for (const element of copy.querySelectorAll('[style]')) {
    element.setAttribute(STYLE, element.getAttribute('style') ?? '')
    element.removeAttribute('style')
  }
  try {
    localStorage.setItem(FRAME_KEY, JSON.stringify({ html: copy.innerHTML }))
  } catch {
    // Storage full: the next start simply has no picture.
  }
}
