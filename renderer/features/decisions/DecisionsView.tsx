/** The Decisions section: the proposals, or one proposal's page when one is open (`#/decisions/ID`). */
import { useApp } from '../../store/use-app.tsx'
import { DecisionList } from './DecisionList.tsx'
import { ProposalPage } from './ProposalPage.tsx'

export function DecisionsView() {
  const item = useApp((s) => s.nav.item)
  return item ? <ProposalPage key={item} id={item} /> : <DecisionList />
}
