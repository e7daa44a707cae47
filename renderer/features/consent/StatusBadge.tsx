/** A grant's standing as a badge whose text is the status word itself ("Valid", "Revoked"…), never cut short. */
import { Badge } from '@mantine/core'
import type { GrantStatus } from '../../../shared/api/peer-api.ts'
import { shortKey } from '../../ui/person.tsx'
import { STATUS_COLOR, statusWord } from './grant-rules.ts'

export function StatusBadge({ status, problem }: { status: GrantStatus; problem?: string | null | undefined }) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} tt="none" title={problem ?? undefined}
      styles={{ root: { flex: 'none', maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}>
      {statusWord(status)}
    </Badge>
  )
}

/** A person in plain text (a toast, a sentence): their name, else "someone (…last six of their key)". */
export function personLabel(did: string, name: string | null | undefined): string {
  return name?.trim() || `someone (${shortKey(did)})`
}
