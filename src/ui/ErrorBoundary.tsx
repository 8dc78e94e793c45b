/**
 * A render error in one panel must not blank the whole playground: the panel is replaced by a
 * message (plain text) with a retry, the rest keeps working, and the settings stay in the URL.
 * A new run (`resetKey`: the run id) draws the panel afresh, so changing a setting recovers it.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props { name: string; children: ReactNode; resetKey?: unknown }
interface State { error: string | null }

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(e: unknown): State {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  override componentDidCatch(e: unknown, info: ErrorInfo): void {
    console.error(`The ${this.props.name} panel failed to render:`, e, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (this.state.error !== null && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="card" role="alert">
        <p className="msg error">The {this.props.name} panel failed to render ({this.state.error.slice(0, 200)}). Your settings are kept in the link; change the setting that caused it, or try again.</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>Try again</button>
      </section>
    );
  }
}
