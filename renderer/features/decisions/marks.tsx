/** Small marks shared by the list and a proposal's page: verified or not, the process, the result, a choice. */
import { Badge, Tooltip } from '@mantine/core'
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react'
import type { DecisionResult } from '../../../shared/decisions/tally.ts'
import type { Choice, Process } from '../../../shared/schemas/decision.ts'
import { CHOICE_COLOR, CHOICE_LABEL, PROCESS_LABEL, RESULT_COLOR, resultBadge } from './words.ts'

/** Whether a signature checked out: said in words beside the icon, never by colour alone. */
export function VerifiedMark({ verified, what }: { verified: boolean; what: string }) {
  const tip = verified ? `The ${what} is signed by its author’s key, and the signature checks out.` : `The ${what}’s signature does not check out, or its signer is not a member: it is not counted.`
  return (
    <Tooltip label={tip} openDelay={300} multiline w={260} withArrow>
      <Badge size="sm" variant="light" color={verified ? 'teal' : 'red'} tt="none" tabIndex={0}
        leftSection={verified ? <IconShieldCheck size={12} aria-hidden /> : <IconAlertTriangle size={12} aria-hidden />}>
        {verified ? 'Verified' : 'Unverified'}
      </Badge>
    </Tooltip>
  )
}

export function ProcessBadge({ process }: { process: Process }) {
  return <Badge size="sm" variant="outline" color="gray" tt="none">{PROCESS_LABEL[process]}</Badge>
}

export function ResultBadge({ result, open }: { result: DecisionResult; open: boolean }) {
  return <Badge size="sm" variant={open ? 'outline' : 'light'} color={RESULT_COLOR[result]} tt="none">{resultBadge(result, open)}</Badge>
}

export function ChoiceBadge({ choice }: { choice: Choice }) {
  return <Badge size="md" variant="light" color={CHOICE_COLOR[choice]} tt="none">{CHOICE_LABEL[choice]}</Badge>
}
