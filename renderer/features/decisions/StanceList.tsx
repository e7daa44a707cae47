/**
 * Every stance on a proposal: who (by name), the choice, the reason, when, and whether its
 * signature checks out, in words. Stances that do not count say why (late, joined after the
 * proposal, unverified); stances changed since are history, folded under "History".
 */
import { Avatar, Badge, Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react'
import type { StanceView } from '../../../shared/api/decisions-api.ts'
import { standingWords as standingWordsOf } from '../../../shared/decisions/words.ts'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { ChoiceBadge, VerifiedMark } from './marks.tsx'

/** Why a stance does not count, in words; null for one that counts. An unverified one's mark beside it already says why. */
export const standingWords = (s: Pick<StanceView, 'standing'>): string | null => (s.standing === 'unverified' ? 'Not counted' : standingWordsOf(s.standing))

const newestFirst = (a: StanceView, b: StanceView): number => b.castAt.localeCompare(a.castAt)

export function StanceList({ stances, me, imported = false }: { stances: StanceView[]; me: string | null; imported?: boolean }) {
  const [history, { toggle }] = useDisclosure(false)
  const current = stances.filter((s) => s.standing !== 'superseded').sort(newestFirst)
  const earlier = stances.filter((s) => s.standing === 'superseded').sort(newestFirst)
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">Stances <Text span inherit c="dimmed" fw={400}>({current.length})</Text></Title>
      {current.length === 0
        ? <Text c="dimmed" size="sm">No stances yet.</Text>
        : <Items label="Stances" items={current} me={me} imported={imported} />}
      {earlier.length > 0 && (
        <Stack gap="xs">
          <Button variant="subtle" size="compact-sm" w="fit-content" aria-expanded={history} onClick={toggle}
            leftSection={history ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}>
            History ({earlier.length} changed since)
          </Button>
          <Collapse expanded={history}>
            <Items label="Earlier stances" items={earlier} me={me} imported={imported} />
          </Collapse>
        </Stack>
      )}
    </Stack>
  )
}

function Items({ label, items, me, imported }: { label: string; items: StanceView[]; me: string | null; imported: boolean }) {
  return (
    <Stack component="ul" role="list" aria-label={label} gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((s) => <li key={s.id}><StanceItem s={s} you={s.did === me} imported={imported} /></li>)}
    </Stack>
  )
}

function StanceItem({ s, you, imported }: { s: StanceView; you: boolean; imported: boolean }) {
  const standing = standingWords(s)
  const initials = (s.name?.trim() || '?').split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase()
  return (
    <Paper withBorder p="sm" radius="md" style={standing ? { borderStyle: 'dashed' } : undefined}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Avatar radius="xl" size="md" color="gray" aria-hidden>{initials}</Avatar>
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}><PersonName did={s.did} name={s.name} you={you} /></Text>
            <ChoiceBadge choice={s.choice} />
            {imported
              ? <Badge size="sm" variant="light" color="gray" tt="none">As Loomio recorded it</Badge>
              : <VerifiedMark verified={s.verified} what="stance" />}
            {standing && <Badge size="sm" variant="outline" color="gray" tt="none">{standing}</Badge>}
          </Group>
          {s.reason
            ? <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s.reason}</Text>
            : <Text size="sm" c="dimmed" fs="italic">No reason given.</Text>}
          <Text size="xs" c="dimmed" title={when(s.castAt)}>{relative(s.castAt)} · {when(s.castAt)}</Text>
        </Stack>
      </Group>
    </Paper>
  )
}
