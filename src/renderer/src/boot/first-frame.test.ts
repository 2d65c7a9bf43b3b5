import { afterEach, describe, expect, it, vi } from 'vitest'
import { handOver, paintFirstFrame, sanitize, saveFirstFrame, UI_STORAGE_KEY } from './first-frame'

const ROW = (id: string) =>
  `<li class="incident-row-item" style="transform: translateY(0px)"><button type="button" class="incident-row" data-id="${id}">${id}</button></li>`

function liveApp(html: string): HTMLElement {
  const root = document.createElement('div')
  root.id = 'root'
  root.innerHTML = html
  document.body.append(root)
  return root
}

afterEach(() => {
  document.body.innerHTML = ''
  localStorage.clear()
  delete document.documentElement.dataset['theme']
})

describe('the first frame', () => {
  it('keeps the markup and offsets of the list, and nothing that runs, loads or links', () => {
    const html =
      '<div class="shell" aria-label="x"><script>alert(1)</script><img src="x" onerror="alert(2)">' +
      '<a href="javascript:alert(3)">link</a><iframe src="https://example.com"></iframe>' +
      '<button class="incident-row" onclick="alert(4)" formaction="https://example.com" data-frame-style="transform: translateY(64px)">Checkout &lt;b&gt;</button>' +
      '<p style="background: url(https://example.com/x.png)">raw styles are refused</p>' +
      '<svg viewBox="0 0 24 24" onload="alert(5)"><path d="M1 1"></path></svg></div>'
    const holder = document.createElement('div')
    holder.append(sanitize(html))
    expect(holder.querySelector('script, img, iframe')).toBeNull()
    // A link keeps its place (the skip link: positions must match the app's) but links nowhere.
    expect(holder.querySelector('a')?.getAttributeNames()).toEqual([])
    const button = holder.querySelector('button')
    expect(button?.getAttributeNames().sort()).toEqual(['class', 'style'])
    expect(button?.textContent).toBe('Checkout <b>')
    expect(button?.style.transform).toBe('translateY(64px)')
    expect(holder.querySelector('svg')?.getAttributeNames()).toEqual(['viewBox'])
    expect(holder.querySelector('.shell')?.getAttribute('aria-label')).toBe('x')
    expect(holder.querySelector('p')?.getAttributeNames()).toEqual([])
    expect(holder.innerHTML).not.toMatch(/alert|example\.com/)
  })

  it('paints the saved list only when the app will open on it, with the saved theme', () => {
    const root = liveApp(`<ul>${ROW('a')}${ROW('b')}</ul><p role="status">Saved</p>`)
    saveFirstFrame(root)
    root.remove()
    expect(localStorage.getItem('steady.first-frame')).not.toMatch(/ style=|Saved/)
    localStorage.setItem(
      UI_STORAGE_KEY,
      JSON.stringify({ state: { route: { screen: 'incident', id: 'a' }, theme: 'dark' } }),
    )
    expect(paintFirstFrame()).toBe(false)
    expect(document.documentElement.dataset['theme']).toBe('dark')
    localStorage.setItem(
      UI_STORAGE_KEY,
      JSON.stringify({ state: { route: { screen: 'incidents' }, theme: 'system' } }),
    )
    expect(paintFirstFrame()).toBe(true)
    expect(document.querySelectorAll('#first-frame .incident-row')).toHaveLength(2)
    const item = document.querySelector<HTMLElement>('#first-frame .incident-row-item')
    expect(item?.style.transform).toBe('translateY(0px)')
    handOver(liveApp(''), true)
    expect(document.getElementById('first-frame')).toBeNull()
  })

  it('paints nothing on a first start or from a damaged save', () => {
    expect(paintFirstFrame()).toBe(false)
    localStorage.setItem('steady.first-frame', '{not json')
    expect(paintFirstFrame()).toBe(false)
    expect(document.getElementById('first-frame')).toBeNull()
  })

  it('hands clicks and key presses made on the picture to the live app, in order', () => {
    const saved = liveApp(
      `<input type="search" aria-label="Search"><ul>${ROW('a')}${ROW('b')}</ul>`,
    )
    saveFirstFrame(saved)
    saved.remove()
    expect(paintFirstFrame()).toBe(true)
    const pictured = document.querySelectorAll<HTMLButtonElement>('#first-frame .incident-row')
    // Nothing reaches the page's own handlers while the picture is up.
    const early = vi.fn()
    window.addEventListener('keydown', early)
    pictured[1]?.click()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }))
    expect(early).not.toHaveBeenCalled()
    window.removeEventListener('keydown', early)

    const root = liveApp(`<input type="search" aria-label="Search"><ul>${ROW('a')}${ROW('b')}</ul>`)
    const clicked = vi.fn()
    root
      .querySelectorAll('.incident-row')
      .forEach((row) =>
        row.addEventListener('click', () => clicked((row as HTMLElement).dataset['id'])),
      )
    const keys: string[] = []
    window.addEventListener('keydown', (e) => keys.push(e.key))
    handOver(root, true)
    expect(clicked).toHaveBeenCalledExactlyOnceWith('b')
    expect(keys).toEqual(['n'])
  })

  it('replays a click on a row on the same incident wherever it is now, and returns those gone', () => {
    const saved = liveApp(
      `<button class="save">Save filter</button><ul>${ROW('a')}${ROW('b')}${ROW('c')}</ul>`,
    )
    saveFirstFrame(saved)
    saved.remove()
    paintFirstFrame()
    const pictured = document.querySelectorAll<HTMLButtonElement>('#first-frame .incident-row')
    pictured[1]?.click() // b: moved to the top since
    pictured[2]?.click() // c: deleted since
    document.querySelector<HTMLButtonElement>('#first-frame .save')?.click() // renamed since
    // The live list: b first, c gone, the button's text changed.
    const root = liveApp(`<button class="save">Saved</button><ul>${ROW('b')}${ROW('a')}</ul>`)
    const clicked = vi.fn()
    root
      .querySelectorAll<HTMLElement>('.incident-row')
      .forEach((row) => row.addEventListener('click', () => clicked(row.dataset['id'])))
    expect(handOver(root, true)).toEqual([
      { text: 'c', incidentId: 'c' },
      { text: 'Save filter', incidentId: undefined },
    ])
    expect(clicked).toHaveBeenCalledExactlyOnceWith('b')
  })

  it('types held characters into the field the live app has focused', () => {
    const saved = liveApp('<p>list</p>')
    saveFirstFrame(saved)
    saved.remove()
    paintFirstFrame()
    for (const key of ['d', 'b']) window.dispatchEvent(new KeyboardEvent('keydown', { key }))
    const root = liveApp('<input type="search" aria-label="Search">')
    const input = root.querySelector('input') as HTMLInputElement
    input.focus()
    const typed = vi.fn()
    input.addEventListener('input', () => typed(input.value))
    handOver(root, true)
    expect(input.value).toBe('db')
    expect(typed).toHaveBeenLastCalledWith('db')
  })

  it('drops what was done on the picture when a start-up problem shows instead of the app', () => {
    const saved = liveApp('<p>list</p>')
    saveFirstFrame(saved)
    saved.remove()
    paintFirstFrame()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    const keys: string[] = []
    const listener = (e: KeyboardEvent) => keys.push(e.key)
    window.addEventListener('keydown', listener)
    handOver(liveApp('<button>Restore the backup</button>'), false)
    window.removeEventListener('keydown', listener)
    expect(keys).toEqual([])
    expect(document.getElementById('first-frame')).toBeNull()
  })
})
