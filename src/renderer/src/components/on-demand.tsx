import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react'

/**
 * Code fetched while the app is idle after start-up, so the screens it draws open at once instead
 * of waiting for it and for its first run: the post-mortem editor (the largest chunk) and Metrics'
 * charts (a charting library).
 */
export function preloadWhenIdle(loads: readonly (() => Promise<unknown>)[], delay = 2000) {
  let idle = 0
  const timer = setTimeout(() => {
    const run = () => {
      for (const load of loads) void load().catch(() => undefined)
    }
    if ('requestIdleCallback' in window) idle = window.requestIdleCallback(run, { timeout: 5000 })
    else run()
  }, delay)
  return () => {
    clearTimeout(timer)
    if (idle) window.cancelIdleCallback(idle)
  }
}

/**
 * A component whose code loads on demand, drawn at once when its code has loaded already (it was
 * preloaded): through React.lazy it would suspend all the same, and React reveals what was
 * suspended at most every 300 ms, so a preloaded screen still showed its "Loading…" that long.
 */
export function onDemand<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined
  const loadNow = async () => {
    const module = await load()
    loaded = module.default
    return module
  }
  const Lazy = lazy(loadNow)
  function OnDemand({ fallback, ...props }: P & { fallback: ReactNode }) {
    // Chosen once per mount: switching from one to the other would mount the screen again.
    const [Ready] = useState(() => loaded)
    const own = props as unknown as P
    return Ready ? (
      <Ready {...own} />
    ) : (
      <Suspense fallback={fallback}>
        <Lazy {...own} />
      </Suspense>
    )
  }
  return { load: loadNow, Component: OnDemand }
}
