import './zod-jitless.ts'
import '@mantine/core/styles.css'
import '@mantine/dates/styles.css'
import '@mantine/notifications/styles.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { notifications } from '@mantine/notifications'
import { Button } from '@mantine/core'
import { connectBridge } from './bridge/connect.ts'
import { openPageDocs } from './bridge/doc-sync.ts'
import { startFeeds } from './app/feeds.ts'
import { Root } from './app/Root.tsx'
import { hashToPlace } from './app/nav-slice.ts'
import { preloadSection } from './app/sections.tsx'
import { createAppStore } from './store/store.ts'
import type { Notice } from './store/app-state.ts'

const root = createRoot(document.getElementById('root')!)
let notices = 0

function notify(n: Notice): void {
  const id = `notice-${++notices}`
  const { action } = n
  notifications.show({
    id, title: n.title,
    message: action
      ? <>{n.message} <Button variant="subtle" size="compact-sm" onClick={() => { notifications.hide(id); action.run() }}>{action.label}</Button></>
      : n.message,
    color: n.kind === 'error' ? 'red' : n.kind === 'done' ? 'teal' : 'blue',
    // Long enough to reach its button.
    autoClose: n.kind === 'error' ? 10_000 : action ? 10_000 : 4_000,
    // Mantine's close button has no name, and its grey under a title reads at 3.3:1: both fail WCAG.
    closeButtonProps: { 'aria-label': 'Dismiss' },
    styles: { description: { color: 'var(--mantine-color-dimmed)' } },
  })
}

function startApp(): boolean {
  const bridge = connectBridge()
  if (!bridge) return false
  preloadSection(hashToPlace(location.hash)?.section)
  const store = createAppStore({ api: bridge.api, notify, pageDocs: () => openPageDocs(bridge) })
  startFeeds(bridge, store)
  root.render(<StrictMode><Root store={store} /></StrictMode>)
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
