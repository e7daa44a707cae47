/**
 * Fetches a page's live document and puts the editor on it. The editor and Automerge load on
 * first use (their own chunk). Read only, with a line saying why, where the peer may not change
 * the page.
 */
import { Alert, Button, Center, Loader, Text } from '@mantine/core'
import { IconLock } from '@tabler/icons-react'
import { lazy, Suspense, useEffect, useState } from 'react'
import type { PageSummary, PageView } from '../../../shared/api/pages-api.ts'
import type { LinkTarget } from '../../../shared/pages/links.ts'
import { useApp } from '../../store/use-app.tsx'
import { words } from '../../store/loadable.ts'
import type { LivePage } from './live-doc.ts'

const PageEditor = lazy(async () => ({ default: (await import('./editor/PageEditor.tsx')).PageEditor }))

type Doc = { status: 'loading' } | { status: 'ready'; page: LivePage } | { status: 'error'; error: string }

export function LiveEditor({ page, pages, onOpenPage }: { page: PageView; pages: PageSummary[]; onOpenPage(t: LinkTarget): void }) {
  const liveDoc = useApp((s) => s.pages.liveDoc)
  const refresh = useApp((s) => s.pages.refresh)
  const [doc, setDoc] = useState<Doc>({ status: 'loading' })
  // What the peer says this window may do with the page, as it changes (a grant given or revoked).
  const [writable, setWritable] = useState<boolean | undefined>(undefined)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    const abort = new AbortController()
    setDoc({ status: 'loading' })
    liveDoc(page.id, abort.signal).then(
      (live) => { if (!abort.signal.aborted) { setDoc({ status: 'ready', page: live }); setWritable(live.writable()) } },
      (err: unknown) => { if (!abort.signal.aborted) setDoc({ status: 'error', error: words(err) }) },
    )
    return () => abort.abort()
  }, [page.id, liveDoc, attempt])
  // Set when this window could write and no longer may: what was typed just before may not have reached the peer.
  const [writeEnded, setWriteEnded] = useState(false)
  useEffect(() => {
    if (doc.status !== 'ready') return
    // What the peer said before this listener was there counts too.
    setWritable(doc.page.writable())
    // The page's view (may.edit, its links) is asked again too: it says what the peer now allows.
    return doc.page.onAccess((w) => {
      setWritable((before) => {
        if (before === true && !w) setWriteEnded(true)
        if (w) setWriteEnded(false)
        return w
      })
      void refresh()
    })
  }, [doc, refresh])
  const loading = <Center py="xl" role="status"><Loader size="sm" /><Text ml="sm" c="dimmed">Opening the page…</Text></Center>
  if (doc.status === 'loading') return loading
  if (doc.status === 'error') {
    return (
      <Alert color="orange" title="The page’s text could not be opened" role="alert">
        <Text size="sm">{doc.error}</Text>
        <Button mt="sm" size="xs" variant="light" color="orange" onClick={() => setAttempt((n) => n + 1)}>Try again</Button>
      </Alert>
    )
  }
  const editable = page.may.edit && writable !== false
  return (
    <>
      {!editable && (
        <Alert variant="light" color="gray" icon={<IconLock size={18} aria-hidden />} p="xs" data-testid="read-only-line">
          <Text size="sm">You can read this page but not change it: your access to it is read only.</Text>
          {writeEnded && <Text size="sm" mt={4}>Your access to change it ended while it was open here: what you typed in the last moments may not have been saved. Reload to see the page as the peer holds it.</Text>}
        </Alert>
      )}
      <Suspense fallback={loading}>
        <PageEditor handle={doc.page.handle} editable={editable} pages={pages} onOpenPage={onOpenPage} />
      </Suspense>
    </>
  )
}
