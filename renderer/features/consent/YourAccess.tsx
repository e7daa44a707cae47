/** For a guest: what its grant lets it do here, and how that ended when it did. */
import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core'
import type { GrantSummary, SpaceSummary } from '../../../shared/api/peer-api.ts'
import { cmdWord, describeAccess, docsWords } from '../../../shared/api/access-words.ts'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { personLabel, StatusBadge } from './StatusBadge.tsx'

/** "Your access was revoked on DATE by NAME", "Your access expired on DATE", or null while it holds. */
export function accessEndedWords(space: Pick<SpaceSummary, 'access'>): string | null {
  const ended = space.access.ended
  if (!ended) return null
  if (ended.reason === 'expired') return `Your access expired on ${when(ended.at)}`
  const by = ended.by ? ` by ${personLabel(ended.by, ended.byName)}` : ''
  return `Your access was revoked on ${when(ended.at)}${by}`
}

export function YourAccess({ space, received }: { space: SpaceSummary; received: GrantSummary[] }) {
  const ended = accessEndedWords(space)
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="your-access">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="your-access">Your access</Title>
          <Badge color="grape" variant="light">Guest</Badge>
        </Group>
        {ended
          ? <Alert color="red" title={ended} role="status">You can no longer read or write anything in {space.name}. What reached this machine before stays here; ask its members for a new grant if you need one.</Alert>
          : <Text data-testid="your-access">{space.access.cmd === 'none' ? 'You hold no valid grant here now.' : `You may ${describeAccess(space.access, when)}.`}</Text>}
        {received.length > 0 && (
          <Stack gap={6}>
            {received.map((g) => (
              <Group key={g.grantId} gap="sm" wrap="nowrap">
                <StatusBadge status={g.status} />
                <Text size="sm">
                  {cmdWord(g.cmd)} {docsWords(g.docs)} for “{g.purposeLabel}”, from <PersonName did={g.issuer} name={g.issuerName} />, until {when(g.expiresAt)} ({relative(g.expiresAt)})
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  )
}
