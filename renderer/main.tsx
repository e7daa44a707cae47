import './zod-jitless.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserBridge, tokenFromLocation } from './bridge/peer-bridge.ts'
import { startController } from './controller.ts'
import { App } from './components/App.tsx'
import './styles.css'

const root = createRoot(document.getElementById('root')!)

function startApp(): boolean {
  const token = tokenFromLocation()
  if (!token) return false
  const controller = startController(createBrowserBridge(token))
  root.render(<StrictMode><App controller={controller} /></StrictMode>)
  return true
}

if (!startApp()) {
  root.render(<p className="notice" role="alert">Open Commonweave with the link that <code>npm start</code> or <code>commonweave start</code> printed: it carries the key to this peer.</p>)
  // Pasting the link into this tab only changes the fragment, which does not reload the page.
  const onHashChange = (): void => {
    if (startApp()) window.removeEventListener('hashchange', onHashChange)
  }
  window.addEventListener('hashchange', onHashChange)
}
