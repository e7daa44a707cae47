/** First run, and "create or join another": choose your name, then create a space or join one with an invite code. */
import { Button, Container, Paper, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useApp } from '../../store/use-app.tsx'

export function Onboarding({ embedded, onDone }: { embedded?: boolean; onDone?: () => void }) {
  const busy = useApp((s) => s.spaces.busy)
  const create = useApp((s) => s.spaces.create)
  const join = useApp((s) => s.spaces.join)
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const onCreate = (e: FormEvent): void => {
    e.preventDefault()
    if (name.trim()) void create(name.trim()).then((s) => { if (s) { setName(''); onDone?.() } })
  }
  const onJoin = (e: FormEvent): void => {
    e.preventDefault()
    if (code.trim()) void join(code.trim()).then((s) => { if (s) { setCode(''); onDone?.() } })
  }
  const body = (
    <Tabs defaultValue="create">
      <Tabs.List grow>
        <Tabs.Tab value="create">Create a space</Tabs.Tab>
        <Tabs.Tab value="join">Join with a code</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="create" pt="md">
        <form onSubmit={onCreate} aria-label="Create a space">
          <Stack>
            <TextInput id="new-space" label="New space" description="A community, a co-op, a project: what you will share." placeholder="e.g. Tool Library" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
            <Button type="submit" loading={busy?.startsWith('Creating')} disabled={busy !== null}>Create</Button>
          </Stack>
        </form>
      </Tabs.Panel>
      <Tabs.Panel value="join" pt="md">
        <form onSubmit={onJoin} aria-label="Join a space">
          <Stack>
            <Textarea label="Join with a code" description="Paste the invite code a member sent you (it starts with cw1.)." placeholder="cw1.…" value={code} onChange={(e) => setCode(e.currentTarget.value)} autosize minRows={2} maxRows={6} spellCheck={false} autoComplete="off" required />
            <Button type="submit" loading={busy?.startsWith('Joining')} disabled={busy !== null}>Join</Button>
            {busy?.startsWith('Joining') && <Text size="sm" c="dimmed" role="status">{busy}</Text>}
          </Stack>
        </form>
      </Tabs.Panel>
    </Tabs>
  )
  if (embedded) return body
  return (
    <Container size={520} py={60}>
      <Paper withBorder p="xl" radius="md">
        <Title order={1} size="h2" mb={4}>Welcome to Commonweave</Title>
        <Text c="dimmed" mb="lg">Your community’s offers, tools, decisions and map, kept on your members’ own machines.</Text>
        {body}
      </Paper>
    </Container>
  )
}
