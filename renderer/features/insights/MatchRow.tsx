/**
 * One match as a member checks it: what could meet the need, whose it is, from which
 * organisation when another one's, its score as a bar with the percent in words, and each
 * reason behind the score (its points add up to the score as shown; one worth no points is a
 * note). "Open" leads to the item's page where it is in this space; in the Insights view,
 * "Mark matched by this offer" where this peer may change the need.
 */
import { Badge, Button, Group, List, Progress, Stack, Text } from '@mantine/core'
import { IconBuildingCommunity, IconExternalLink } from '@tabler/icons-react'
import type { InsightItem, Match } from '../../../shared/api/insight-api.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { PersonName } from '../../ui/person.tsx'
import { KIND_LABEL, KindBadge } from '../resources/badges.tsx'
import { useNames } from '../resources/use-names.ts'
import { MarkMatched } from './MarkMatched.tsx'
import { percent, percentPoints, REASON_WORDS, signed } from './match-words.ts'

/** The score as a bar beside its percent: the number is what is read, the bar only helps the eye. */
export function ScoreBar({ score, label = 'Score' }: { score: number; label?: string }) {
  return (
    <Group gap={8} wrap="nowrap" miw={140} justify="flex-end">
      <Progress value={Math.round(score * 1000) / 10} w={80} size="md" aria-hidden />
      <Text size="sm" fw={600} miw={44} ta="right"><span className="visually-hidden">{label} </span>{percent(score)}</Text>
    </Group>
  )
}

/** Who posted an item, by name (the peer's, or this page's roster), with the key on hover; `someone at Hilltop` for another organisation whose roster this peer cannot read. */
export function OwnerName({ item, from }: { item: Pick<InsightItem, 'owner' | 'ownerName'>; from?: string }) {
  const names = useNames()
  const name = names.nameOf(item.owner, item.ownerName) ?? (from !== undefined ? `someone at ${from}` : null)
  return <PersonName did={item.owner} name={name} you={item.owner === names.me} />
}

/** "Open offer": the item's page, for an item of the space on the screen (named by its title for a screen reader). */
export function OpenItemButton({ item }: { item: Pick<InsightItem, 'id' | 'kind' | 'spaceId' | 'title'> }) {
  const go = useApp((s) => s.nav.go)
  const here = useApp((s) => s.spaces.selected === item.spaceId)
  if (!here) return null
  return (
    <Button size="compact-sm" variant="subtle" leftSection={<IconExternalLink size={14} />} onClick={() => go(Section.Resources, item.id)}
      aria-label={`Open ${KIND_LABEL[item.kind].one.toLowerCase()} ${item.title}`}>
      Open {KIND_LABEL[item.kind].one.toLowerCase()}
    </Button>
  )
}

export function MatchRow({ match, mayMark = false }: { match: Match; mayMark?: boolean }) {
  const here = useApp((s) => s.spaces.selected)
  const { offer, space } = match
  const elsewhere = space.spaceId !== here
  const shown = percentPoints(match)
  return (
    <Stack component="li" gap={4} py="xs" aria-label={`${offer.title}, ${percent(match.score)}`} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <KindBadge kind={offer.kind} />
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{offer.title}</Text>
            {elsewhere && (
              <Badge variant="light" color="grape" tt="none" leftSection={<IconBuildingCommunity size={12} />} title="Shared with you for matching by another organisation">
                Another organisation: {space.name}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            by <OwnerName item={offer} {...(elsewhere ? { from: space.name } : {})} />{offer.location ? ` · ${offer.location}` : ''}
          </Text>
        </Stack>
        <ScoreBar score={match.score} />
      </Group>
      <List size="sm" spacing={2} aria-label="Why it matches" listStyleType="disc" withPadding>
        {match.reasons.map((r, i) => (
          <List.Item key={`${r.kind}-${i}`}>
            <Text span size="sm" c="dimmed">{r.points === 0 ? 'Note' : REASON_WORDS[r.kind]}: </Text>
            <Text span size="sm">{r.detail}</Text>
            {r.points !== 0 && <Text span size="xs" c="dimmed"> ({signed(shown.points[i]!)} points)</Text>}
          </List.Item>
        ))}
      </List>
      {(!elsewhere || mayMark) && (
        <Group gap="xs">
          {!elsewhere && <OpenItemButton item={offer} />}
          {mayMark && <MarkMatched need={match.need} offer={offer} />}
        </Group>
      )}
    </Stack>
  )
}
