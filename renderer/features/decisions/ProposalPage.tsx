/**
 * One proposal's page: its title, author and process (explained in one line), its details; the
 * member's stance form (where the peer says they may), every stance with its reason, name and
 * verified mark; beside them the live tally and the outcome.
 */
import { Alert, Badge, Button, Grid, Group, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react'
import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { DecisionView } from '../../../shared/api/decisions-api.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { OpenItem } from '../../ui/OpenItem.tsx'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { ProcessBadge, ResultBadge, VerifiedMark } from './marks.tsx'
import { OutcomePanel } from './OutcomePanel.tsx'
import { StanceForm } from './StanceForm.tsx'
import { StanceList } from './StanceList.tsx'
import { TallyPanel } from './TallyPanel.tsx'
import { useMinute } from './use-minute.ts'

export function ProposalPage({ id }: { id: string }) {
  const { open, show, go, refresh } = useApp(useShallow((s) => ({ open: s.decisions.open, show: s.decisions.show, go: s.nav.go, refresh: s.decisions.refresh })))
  const spaceId = useApp((s) => s.spaces.selected)
  useEffect(() => {
    void show(id)
    return () => void show(null)
  }, [id, spaceId, show])
  const back = <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => go(Section.Decisions)} w="fit-content">All proposals</Button>
  return (
    <Stack gap="md">
      {back}
      <OpenItem what="proposal" data={open} retry={() => void refresh()}>{(d) => <Proposal d={d} />}</OpenItem>
    </Stack>
  )
}

function Proposal({ d }: { d: DecisionView }) {
  const me = useApp((s) => s.connection.status?.did ?? null)
  const now = useMinute()
  const isOpen = d.status === 'open'
  // Opening a proposal moves focus to its title, so a screen reader announces the page it opened.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus({ preventScroll: true }), [d.id])
  const mine = d.stances.filter((s) => s.did === me && s.counted).sort((a, b) => b.castAt.localeCompare(a.castAt))[0] ?? null
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <Badge size="sm" variant={isOpen ? 'dot' : 'outline'} color={isOpen ? 'teal' : 'gray'} tt="none">{isOpen ? 'Open' : 'Closed'}</Badge>
          <ProcessBadge process={d.process} />
          <ResultBadge result={d.tally.result} open={isOpen} />
          {!d.verified && <VerifiedMark verified={false} what="proposal" />}
          {d.imported && <Badge size="sm" variant="outline" color="gray" tt="none">Imported from Loomio</Badge>}
        </Group>
        <Title order={2} ref={heading} tabIndex={-1} style={{ overflowWrap: 'anywhere', outline: 'none' }}>{d.title}</Title>
        <Text size="sm" c="dimmed">
          {d.imported
            ? <>Proposed by {d.imported.authorName} in Loomio; imported by <PersonName did={d.author} name={d.authorName} you={d.author === me} />, who signed the record. Its stances are as Loomio recorded them. </>
            : <>Proposed by <PersonName did={d.author} name={d.authorName} you={d.author === me} />{d.draftedBy ? <>, drafted by the agent {d.draftedBy.name}</> : null} </>}
          <span title={when(d.createdAt)}>{relative(d.createdAt)}</span>
          {' · '}{isOpen ? `closes ${when(d.closesAt)}` : `closed on ${when(d.closesAt)}`}
        </Text>
      </Stack>
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} aria-hidden />} p="xs" data-testid="process-line">
        <Text size="sm">{d.processLine}</Text>
      </Alert>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {d.details
              ? <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{d.details}</Text>
              : <Text c="dimmed" fs="italic">No details.</Text>}
            {d.mayStance && <StanceForm key={`${d.id}:${mine?.id ?? ''}`} d={d} mine={mine} />}
            {!d.mayStance && isOpen && <Text size="sm" c="dimmed">{whyNoStance(d, me)}</Text>}
            <StanceList stances={d.stances} me={me} imported={d.imported !== null} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <TallyPanel d={d} now={now} />
            <OutcomePanel d={d} me={me} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

/** Why the stance form is not offered on an open proposal, in words. */
function whyNoStance(d: DecisionView, me: string | null): string {
  if (!d.verified) return 'This proposal does not carry its author’s valid signature, so no stance on it would count. Ask its author to propose it again.'
  if (me && !(d.eligibleVoters as string[]).includes(me)) return 'You were not a member when this was proposed, so you cannot take a stance on it; you can follow it here.'
  return 'You can read this proposal; taking a stance needs write access to this space’s decisions.'
}
