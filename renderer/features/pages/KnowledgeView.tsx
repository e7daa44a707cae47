/** The Knowledge section: the pages, or one page when one is open (`#/knowledge/ID`). */
import { useApp } from '../../store/use-app.tsx'
import { PageList } from './PageList.tsx'
import { PageScreen } from './PageScreen.tsx'

export function KnowledgeView() {
  const item = useApp((s) => s.nav.item)
  return item ? <PageScreen key={item} id={item} /> : <PageList />
}
