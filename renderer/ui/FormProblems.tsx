/** What a form's input failed, in words, above its buttons: one problem as a sentence, several as a list. */
import { Alert, Button, Group, List } from '@mantine/core'

export function FormProblems({ problems }: { problems: ReadonlyArray<{ message: string }> }) {
  if (problems.length === 0) return null
  return (
    <Alert color="red" role="alert" title={problems.length === 1 ? 'Please correct this' : 'Please correct these'}>
      {problems.length === 1
        ? problems[0]!.message
        : <List size="sm">{problems.map((p, i) => <List.Item key={i}>{p.message}</List.Item>)}</List>}
    </Alert>
  )
}

/** The end of a dialog's form: what failed, then Cancel and the form's own submit button. */
export function FormEnd({ problems, busy, submit, onCancel }: { problems: ReadonlyArray<{ message: string }>; busy: boolean; submit: string; onCancel(): void }) {
  return (
    <>
      <FormProblems problems={problems} />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>Cancel</Button>
        <Button type="submit" loading={busy}>{submit}</Button>
      </Group>
    </>
  )
}
