/**
 * The live tally: each choice's count, how many of the members have taken part, the quorum as
 * a bar (needed against taken part), the time left, and the result in words (provisional while
 * open). Redrawn when the peer reports a stance, and each minute for the time left.
 */
import { Group, Paper, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconCircleCheck, IconCircleX, IconClock, IconInfoCircle, IconUsers } from '@tabler/icons-react'
import type { DecisionView } from '../../../shared/api/decisions-api.ts'
import { CHOICES } from '../../../shared/schemas/decision.ts'
import { useApp } from '../../store/use-app.tsx'
import { shortKey } from '../../ui/person.tsx'
import { when } from '../../ui/when.ts'
import { timeLeft } from './time-left.ts'
import { CHOICE_COLOR, CHOICE_LABEL, RESULT_COLOR, resultWords } from './words.ts'

/** Beyond this many, the undecided are counted, not named. */
const MAX_NAMES = 8

export function TallyPanel({ d, now }: { d: DecisionView; now: number }) {
  const open = d.status === 'open'
  const { tally } = d
  const ResultIcon = tally.result === 'carried' ? IconCircleCheck : tally.result === 'advice-only' ? IconInfoCircle : IconCircleX
  return (
    <Paper component="section" aria-label="Tally" withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h4">Tally</Title>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color={RESULT_COLOR[tally.result]} size="md" radius="xl" aria-hidden><ResultIcon size={18} /></ThemeIcon>
          <Text fw={600} data-testid="tally-result">{open ? 'So far: ' : 'Result: '}{resultWords(tally.result, open)}</Text>
        </Group>
        <Stack gap={6} component="ul" role="list" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Counts">
          {CHOICES[d.process].map((c) => {
            const n = tally.counts[c] ?? 0
            return (
              <li key={c}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm">{CHOICE_LABEL[c]}</Text>
                  <Text size="sm" fw={600}>{n}</Text>
                </Group>
                <Progress aria-hidden value={tally.voted > 0 ? (100 * n) / tally.voted : 0} color={CHOICE_COLOR[c]} size="sm" mt={2} />
              </li>
            )
          })}
        </Stack>
        <Group gap={6} wrap="nowrap">
          <IconUsers size={16} aria-hidden />
          <Text size="sm" data-testid="tally-turnout">{tally.voted} of {tally.eligible} {tally.eligible === 1 ? 'member has' : 'members have'} taken part</Text>
        </Group>
        {open && <YetToTakePart d={d} />}
        {tally.quorum && <QuorumBar voted={tally.voted} quorum={tally.quorum} open={open} />}
        <Group gap={6} wrap="nowrap">
          <IconClock size={16} aria-hidden />
          <Text size="sm" title={when(d.closesAt)}>
            {timeLeft(d, now)}{d.closedEarly ? ' (closed early)' : ''}
          </Text>
        </Group>
      </Stack>
    </Paper>
  )
}

/** Who of the members when it was made has no stance that counts yet, by name (as Loomio lists the undecided). */
function YetToTakePart({ d }: { d: DecisionView }) {
  const members = useApp((s) => s.members.list.value)
  const me = useApp((s) => s.connection.status?.did ?? null)
  const counted = new Set(d.stances.filter((s) => s.counted).map((s) => s.did as string))
  const waiting = (d.eligibleVoters as string[]).filter((did) => !counted.has(did))
  if (waiting.length === 0) return null
  const byDid = new Map(members.map((m) => [m.did as string, m.name]))
  const names = waiting.slice(0, MAX_NAMES).map((did) => (did === me ? 'you' : byDid.get(did)?.trim() || `someone (${shortKey(did)})`))
  const more = waiting.length - names.length
  return <Text size="sm" c="dimmed">Yet to take part: {names.join(', ')}{more > 0 ? ` and ${more} more` : ''}</Text>
}

function QuorumBar({ voted, quorum, open }: { voted: number; quorum: NonNullable<DecisionView['tally']['quorum']>; open: boolean }) {
  const { needed, pct, reached } = quorum
  const state = reached ? 'reached' : open ? 'not reached yet' : 'not reached'
  const text = `Quorum ${pct}%: ${needed} needed, ${voted} taken part — ${state}`
  return (
    <Stack gap={4}>
      <Progress.Root size="lg" role="progressbar" aria-label="Quorum" aria-valuemin={0} aria-valuemax={needed}
        aria-valuenow={Math.min(voted, needed)} aria-valuetext={text}>
        <Progress.Section withAria={false} value={needed > 0 ? Math.min(100, (100 * voted) / needed) : 100} color={reached ? 'teal' : 'orange'} />
      </Progress.Root>
      <Text size="sm" c={reached ? undefined : 'dimmed'}>{text}</Text>
    </Stack>
  )
}
