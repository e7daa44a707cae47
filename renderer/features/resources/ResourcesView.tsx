/** The Resources section: the board, or one item's page when one is open (`#/resources/ID`). */
import { useApp } from '../../store/use-app.tsx'
import { ResourceBoard } from './ResourceBoard.tsx'
import { ResourcePage } from './ResourcePage.tsx'

export function ResourcesView() {
  const item = useApp((s) => s.nav.item)
  return item ? <ResourcePage key={item} id={item} /> : <ResourceBoard />
}
