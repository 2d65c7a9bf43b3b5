/**
 * The app never goes blank: a screen that throws while rendering shows what failed and a way out,
 * instead of a white window. The route that failed is dropped, so a restart does not land on it
 * again; everything saved stays saved (nothing here touches the data).
 */
import { Component, type ReactNode } from 'react'
import { useUi } from '../stores/ui-store'

interface Props {
  /** What is shown, for the message: "this incident", "the settings". */
  what: string
  /** A new key (the route) clears the error: moving elsewhere tries again. */
  resetKey: string
  /** On an incident: saves its whole record as a file, whatever failed to show it. */
  onExport?: () => Promise<string>
  children: ReactNode
}

interface State {
  error: Error | null
  key: string
  exported: string | null
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey, exported: null }

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key
      ? { error: null, key: props.resetKey, exported: null }
      : null
  }

  override componentDidCatch(error: Error): void {
    // WARNING: keep this: without it, the failing screen is remembered and every start lands on it.
    useUi.setState({ routeFailed: true })
    console.warn(`A screen failed: ${error.message}`)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <section className="page" role="alert" aria-labelledby="screen-failed-title">
        <h1 id="screen-failed-title">Something went wrong showing {this.props.what}</h1>
        <p>
          Steady could not show this screen: <code>{error.message}</code>. Nothing you saved was
          changed.
        </p>
        <p>
          <button
            type="button"
            className="button primary"
            onClick={() => useUi.getState().navigate({ screen: 'incidents' })}
          >
            Back to incidents
          </button>{' '}
          {this.props.onExport && (
            <button
              type="button"
              className="button"
              onClick={() =>
                void this.props.onExport?.().then(
                  (exported) => this.setState({ exported }),
                  (e: Error) => this.setState({ exported: `Couldn't export: ${e.message}` }),
                )
              }
            >
              Export this incident
            </button>
          )}
        </p>
        {this.state.exported && <p role="status">{this.state.exported}</p>}
      </section>
    )
  }
}
