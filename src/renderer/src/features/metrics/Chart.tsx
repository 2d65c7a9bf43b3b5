import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useMediaQuery } from '../../components/use-media-query'
import { useUi } from '../../stores/ui-store'
import { pagePalette, type Palette } from './charts'

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
    let live = true
    // After this render's effects (the theme is set on <html> by the app's, which runs after a
    // child's): the colours read are the new theme's.
    queueMicrotask(() => {
      if (!live) return
      const chart = draw({ palette: pagePalette(el), width })
      // Plot adds a <style> element, which the page's Content-Security-Policy does not allow;
      // global.css has its rules.
      chart.querySelectorAll('style').forEach((style) => style.remove())
      el.replaceChildren(chart)
    })
    return () => {
      live = false
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
