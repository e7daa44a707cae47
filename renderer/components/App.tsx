import { useShallow } from 'zustand/react/shallow'
import type { Controller } from '../controller.ts'
import { useApp } from '../store/store.ts'
import { ResourcesBoard } from './ResourcesBoard.tsx'
import { SpacesPanel } from './SpacesPanel.tsx'

export function App({ controller }: { controller: Controller }) {
  const busy = useApp((s) => s.busy)
  return (
    <div className="app">
      <Header />
      <ErrorBanner controller={controller} />
      <main>
        <aside className="panel"><SpacesPanel controller={controller} /></aside>
        <section className="panel board" aria-label="Board"><ResourcesBoard controller={controller} /></section>
      </main>
      <div className="statusline" role="status" aria-live="polite">{busy ?? ''}</div>
    </div>
  )
}

function Header() {
  const { online, status, peers } = useApp(useShallow((s) => ({ online: s.online, status: s.status, peers: s.peers })))
  return (
    <header>
      <h1>Commonweave</h1>
      <span className="who" title={status?.did}>{status?.name ?? '…'}</span>
      <span className={online ? 'pill on' : 'pill off'} data-testid="connection">
        {online ? 'Connected to your peer' : 'Peer offline, reconnecting…'}
      </span>
      <span className="pill" data-testid="peer-count">{peers.length} other peer{peers.length === 1 ? '' : 's'} connected</span>
    </header>
  )
}

function ErrorBanner({ controller }: { controller: Controller }) {
  const error = useApp((s) => s.error)
  if (!error) return null
  return (
    <div className="error-banner" role="alert">
      <span>{error}</span>
      <button type="button" className="quiet" onClick={() => controller.dismissError()}>Dismiss</button>
    </div>
  )
}
