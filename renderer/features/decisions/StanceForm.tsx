/**
 * Taking a stance: one button per choice of the process, a reason (said to be needed before
 * sending, for the choices that need one), and "Submit stance", or "Change stance" when one
 * is already counted. Offered only where the peer says this member may (`mayStance`).
 */
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { DecisionView, StanceView } from '../../../shared/api/decisions-api.ts'
import { CHOICES, type Choice } from '../../../shared/schemas/decision.ts'
import { useApp } from '../../store/use-app.tsx'
import { relative, when } from '../../ui/when.ts'
import { needsReason, reasonHint, toStanceInput } from './stance-form.ts'
import { CHOICE_FILL, CHOICE_LABEL } from './words.ts'

export function StanceForm({ d, mine }: { d: DecisionView; mine: StanceView | null }) {
  const cast = useApp((s) => s.decisions.cast)
  const [choice, setChoice] = useState<Choice | null>(mine?.choice ?? null)
  const [reason, setReason] = useState(mine?.reason ?? '')
  const [problem, setProblem] = useState<{ field: 'choice' | 'reason' | null; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    const checked = toStanceInput(d.process, choice, reason)
    if (!checked.ok) return setProblem({ field: checked.field, message: checked.problem })
    setBusy(true)
    const out = await cast(d.id, checked.value)
    setBusy(false)
    setProblem(out.ok ? null : { field: null, message: out.error.message })
  }
  const required = needsReason(d.process, choice)

  return (
    <Paper withBorder p="md" radius="md">
      <form aria-label="Take a stance" onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">Your stance</Title>
          {mine
            ? <Text size="sm">You said <b>{CHOICE_LABEL[mine.choice]}</b> {relative(mine.castAt)} <Text span c="dimmed" inherit title={when(mine.castAt)}>({when(mine.castAt)})</Text>. You can change it until the proposal closes; the earlier stance stays in its history.</Text>
            : <Text size="sm" c="dimmed">Choose one. You can change it until the proposal closes.</Text>}
          <Group gap="xs" role="group" aria-label="Your stance">
            {CHOICES[d.process].map((c) => (
              <Button key={c} type="button" aria-pressed={choice === c} variant={choice === c ? 'filled' : 'default'} color={choice === c ? CHOICE_FILL[c] : undefined}
                leftSection={choice === c ? <IconCheck size={16} aria-hidden /> : undefined}
                onClick={() => {
                  // The earlier stance's reason was for its choice: a new choice starts without it, unless it was edited.
                  if (mine && c !== mine.choice && reason === mine.reason) setReason('')
                  setChoice(c)
                  setProblem(null)
                }}>
                {CHOICE_LABEL[c]}
              </Button>
            ))}
          </Group>
          {problem?.field === 'choice' && <Text size="sm" c="red" role="alert">{problem.message}</Text>}
          <Textarea label="Reason" required={required} description={reasonHint(d.process, choice)} autosize minRows={2} maxRows={8} maxLength={2000}
            value={reason} onChange={(e) => { setReason(e.currentTarget.value); if (problem?.field === 'reason') setProblem(null) }}
            error={problem?.field === 'reason' ? problem.message : undefined} />
          {problem?.field === null && <Alert color="red" role="alert" title="Your stance was not recorded">{problem.message}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>{mine ? 'Change stance' : 'Submit stance'}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
