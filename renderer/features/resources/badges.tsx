/** How a resource's kind, status and expiry look, the same on the board and on its page. */
import { Badge, Text, Tooltip } from '@mantine/core'
import type { ResourceKind, ResourceView } from '../../../shared/schemas/resource.ts'
import { expiryOf } from '../../../shared/resources/expiry.ts'
import { relative, when } from '../../ui/when.ts'

export const KIND_LABEL: Record<ResourceKind, { one: string; many: string; color: string }> = {
  offer: { one: 'Offer', many: 'Offers', color: 'teal' },
  need: { one: 'Need', many: 'Needs', color: 'orange' },
  tool: { one: 'Tool', many: 'Tools', color: 'blue' },
  facility: { one: 'Facility', many: 'Facilities', color: 'grape' },
  skill: { one: 'Skill', many: 'Skills', color: 'pink' },
}

// The badge's text is the kind in lower case ("tool Ladder"): what people read in a row, and what tests match.
export function KindBadge({ kind }: { kind: ResourceKind }) {
  return <Badge size="sm" variant="light" color={KIND_LABEL[kind].color} tt="none" miw={64}>{kind}</Badge>
}

export function StatusBadge({ item }: { item: Pick<ResourceView, 'status' | 'expired'> }) {
  if (item.status === 'closed') return <Badge size="sm" variant="outline" color="gray" tt="none">closed</Badge>
  if (item.expired) return <Badge size="sm" variant="outline" color="red" tt="none">expired</Badge>
  if (item.status === 'matched') return <Badge size="sm" variant="light" color="indigo" tt="none">matched</Badge>
  return <Badge size="sm" variant="dot" color="teal" tt="none">open</Badge>
}

/** "expires in 3 days" (orange within a week), "expired 2 days ago", or nothing. */
export function ExpiryText({ expiresAt, now = Date.now() }: { expiresAt: string | undefined; now?: number }) {
  const e = expiryOf({ expiresAt }, now)
  if (e === 'none') return null
  const color = e === 'expired' ? 'red' : e === 'soon' ? 'orange' : 'dimmed'
  return (
    <Tooltip label={when(expiresAt)} openDelay={400} withArrow>
      <Text span size="xs" c={color}>{e === 'expired' ? 'expired' : 'expires'} {relative(expiresAt, now)}</Text>
    </Tooltip>
  )
}
