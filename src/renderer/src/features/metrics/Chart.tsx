import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useMediaQuery } from '../../components/use-media-query'
import { useUi } from '../../stores/ui-store'
import { pagePalette, type Palette } from './charts'

/**
 * The page's colours, read once for all the charts drawn in one task: each read after a chart was
 * put in the page made the browser work out the styles of every chart again.
 */
let shared: Palette | null = null
function palette(host: HTMLElement): Palette {
  if (!shared) {
    shared = pagePalette(host)
    setTimeout(() => (shared = null))
  }
  return shared
}

/** Charts asked to draw that have not yet, and who waits for them all. */
let pending = 0
let waiting: (() => void)[] = []
const settled = () => {
  if (--pending > 0) return
  for (const resolve of waiting) resolve()
  waiting = []
}

/** Resolves once every chart asked to draw has drawn (a PDF waits for the light theme's). */
export function chartsDrawn(): Promise<void> {
  return new Promise((resolve) => (pending > 0 ? waiting.push(resolve) : resolve()))
}

/**
 * A chart with its numbers: the SVG drawn by `draw` in the theme's colours at the width there is,
 * and the same numbers as a table under "Show the numbers", for screen readers and for checking.
 */
export function Chart(props: {
  title: string
  draw: (o: { palette: Palette; width: number }) => Element
  table: ReactNode
  note?: ReactNode
}) {
  const host = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  // Redrawn when the theme changes: the colours are read from the page.
  const theme = useUi((s) => s.theme)
  const dark = useMediaQuery('(prefers-color-scheme: dark)')
  useEffect(() => {
    const el = host.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.floor(entry?.contentRect.width ?? 0)),
    )
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  const { draw } = props
  useEffect(() => {
    const el = host.current
    if (!el || width < 100) return
    // After this render's effects (the theme is set on <html> by the app's, which runs after a
    // child's): the colours read are the new theme's. Each chart in a task of its own: a page of
    // charts of 100,000 incidents drawn at once held the window for a tenth of a second.
    pending++
    let done = false
    const timer = setTimeout(() => {
      done = true
      try {
        const chart = draw({ palette: palette(el), width })
        // Plot adds a <style> element, which the page's Content-Security-Policy does not allow;
        // global.css has its rules.
        chart.querySelectorAll('style').forEach((style) => style.remove())
        el.replaceChildren(chart)
      } finally {
        settled()
      }
    })
    return () => {
      if (done) return
      clearTimeout(timer)
      settled()
    }
  }, [draw, width, theme, dark])
  return (
    <figure className="chart">
      <figcaption className="chart-title">{props.title}</figcaption>
      {props.note}
      <div ref={host} className="chart-canvas" />
      <details className="chart-data">
        <summary>Show the numbers</summary>
        {props.table}
      </details>
    </figure>
  )
}
