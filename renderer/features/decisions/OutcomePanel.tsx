/**
 * The outcome: the statement its author or an admin signed, who and when, and whether the
 * signature checks out. For them, "Close proposal" while it is open and "State the outcome"
 * once closed, both opening the same dialog; nobody else is offered either.
 */
import { Alert, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useState } from 'react'
import type { DecisionView } from '../../../shared/api/decisions-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { PersonName } from '../../ui/person.tsx'
import { when } from '../../ui/when.ts'
import { VerifiedMark } from './marks.tsx'
import { resultWords } from './words.ts'

export function OutcomePanel({ d, me }: { d: DecisionView; me: string | null }) {
  const open = d.status === 'open'
  const o = d.outcome
  // The outcome Loomio recorded: named as Loomio named its author, signed by whoever imported it.
  const fromLoomio = d.imported !== null && o?.id === `${d.id}:outcome`
  const earlier = d.outcomes.filter((x) => x.verified && x.id !== o?.id)
  return (
    <Paper component="section" aria-label="Outcome" withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h4">Outcome</Title>
        {o
          ? (
              <Stack gap={6}>
                <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} fs={o.statement ? undefined : 'italic'}>{o.statement || 'No statement given.'}</Text>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" c="dimmed">
                    {fromLoomio
                      ? <>Stated by {o.byName} in Loomio on {when(o.closedAt)}</>
                      : <>{o.statement ? 'Stated' : 'Closed'} by <PersonName did={o.by} name={o.byName} you={o.by === me} /> on {when(o.closedAt)}</>}
                  </Text>
                  {fromLoomio ? null : <VerifiedMark verified={o.verified} what="outcome" />}
                </Group>
                {earlier.length > 0 && (
                  <Stack gap={2} component="ul" aria-label="Earlier outcome statements" m={0} p={0} style={{ listStyle: 'none' }}>
                    <Text size="xs" c="dimmed">It replaces:</Text>
                    {earlier.map((x) => <Text key={x.id} component="li" size="xs" c="dimmed">“{x.statement || 'No statement'}” — {x.byName ?? 'someone'}, {when(x.closedAt)}</Text>)}
                  </Stack>
                )}
              </Stack>
            )
          : <Text size="sm" c="dimmed">{open
              ? 'Not decided yet. When it closes, its author or an admin states the outcome.'
              : 'Closed; no outcome stated yet.'}</Text>}
        {d.mayClose && <CloseButton d={d} />}
      </Stack>
    </Paper>
  )
}

function CloseButton({ d }: { d: DecisionView }) {
  const [opened, { open, close }] = useDisclosure(false)
  const closeDecision = useApp((s) => s.decisions.close)
  const [statement, setStatement] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const isOpen = d.status === 'open'
  const label = isOpen ? 'Close proposal' : 'State the outcome'
  const confirm = async (): Promise<void> => {
    const words = statement.trim()
    // Once closed, the dialog only states an outcome: with nothing to say, there is nothing to sign.
    if (!isOpen && !words) return setError('Write the outcome first.')
    setBusy(true)
    const out = await closeDecision(d.id, words ? { outcome: words } : {})
    setBusy(false)
    if (!out.ok) return setError(out.error.message)
    setStatement('')
    close()
  }
  return (
    <>
      <Button variant={isOpen ? 'default' : 'light'} w="fit-content" onClick={() => { setError(null); open() }}>{label}</Button>
      <Modal opened={opened} onClose={close} title={label} size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        <Stack gap="sm">
          <Text size="sm">
            {isOpen
              ? `Closing now ends the stances: the tally becomes final as it stands (${resultWords(d.tally.result, false)}). Stances sent later are kept, marked late, never counted.`
              : 'The statement is signed with your key and shown to everyone in the space; a later one replaces it as the outcome.'}
          </Text>
          <Textarea label="Outcome" description="What was decided, and what happens next" data-autofocus autosize minRows={3} maxRows={10} maxLength={5000}
            value={statement} onChange={(e) => setStatement(e.currentTarget.value)} />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button loading={busy} onClick={() => void confirm()}>{isOpen ? (statement.trim() ? 'Close with outcome' : 'Close without a statement') : 'Save the outcome'}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
