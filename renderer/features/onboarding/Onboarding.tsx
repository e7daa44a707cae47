/**
 * First run, and "create or join another": choose your name (first run only), then create a
 * space or join one with an invite code — pasted, or scanned from a picture of its QR code.
 */
import { Alert, Badge, Button, Container, FileButton, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconQrcode } from '@tabler/icons-react'
import { useEffect, useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../../store/use-app.tsx'
import { decodeQrFromFile } from './qr-decode.ts'

const INVITE_PREFIX = 'cw1.'

export function Onboarding({ embedded, onDone }: { embedded?: boolean; onDone?: () => void }) {
  const busy = useApp((s) => s.spaces.busy)
  const create = useApp((s) => s.spaces.create)
  const join = useApp((s) => s.spaces.join)
  const currentName = useApp((s) => s.connection.status?.name ?? null)
  const { renaming, rename } = useApp(useShallow((s) => ({ renaming: s.settings.busy === 'rename', rename: s.settings.rename })))
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [you, setYou] = useState<string | null>(null)
  const [scanProblem, setScanProblem] = useState<string | null>(null)
  // Prefilled with the peer's name once it is known; the user's typing is never overwritten.
  useEffect(() => {
    if (you === null && currentName !== null) setYou(currentName)
  }, [you, currentName])
  const yourName = (you ?? '').trim()
  const nameChanged = !embedded && yourName !== '' && currentName !== null && yourName !== currentName
  /** A name typed but not saved goes with the first step taken: nobody should join as "Commonweave member" by mistake. */
  const saveNameFirst = async (): Promise<boolean> => !nameChanged || rename(yourName)
  const onCreate = (e: FormEvent): void => {
    e.preventDefault()
    if (!name.trim()) return
    void saveNameFirst().then((ok) => ok ? create(name.trim()) : null).then((s) => { if (s) { setName(''); onDone?.() } })
  }
  const onJoin = (e: FormEvent): void => {
    e.preventDefault()
    if (!code.trim()) return
    void saveNameFirst().then((ok) => ok ? join(code.trim()) : null).then((s) => { if (s) { setCode(''); onDone?.() } })
  }
  const onPicture = (file: File | null): void => {
    if (!file) return
    setScanProblem(null)
    void decodeQrFromFile(file).then((r) => {
      if (!r.ok) return setScanProblem(r.message)
      if (!r.text.startsWith(INVITE_PREFIX)) return setScanProblem('That QR code holds something else, not a Commonweave invite code (those start with cw1.).')
      setCode(r.text)
    })
  }
  // Both ways in, side by side: nothing is hidden behind a tab, and each field has one name.
  const body = (
    <SimpleGrid cols={embedded ? 1 : { base: 1, sm: 2 }} spacing="xl">
      <form onSubmit={onCreate} aria-label="Create a space">
        <Stack>
          <Title order={3} size="h5">Start a new space</Title>
          <TextInput id="new-space" label="New space" description="A community, a co-op, a project: what you will share." placeholder="e.g. Tool Library" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <Button type="submit" loading={busy?.startsWith('Creating')} disabled={busy !== null || renaming}>Create</Button>
        </Stack>
      </form>
      <form onSubmit={onJoin} aria-label="Join a space">
        <Stack>
          <Title order={3} size="h5">Or join one you were invited to</Title>
          <Textarea label="Join with a code" description="Paste the invite code a member sent you (it starts with cw1.), or scan its QR code from a picture." placeholder="cw1.…" value={code} onChange={(e) => setCode(e.currentTarget.value)} autosize minRows={2} maxRows={6} spellCheck={false} autoComplete="off" required />
          <FileButton onChange={onPicture} accept="image/*" inputProps={{ 'aria-label': 'Scan a QR code from a picture' }}>
            {(props) => <Button {...props} variant="default" leftSection={<IconQrcode size={16} />}>Scan a QR code from a picture</Button>}
          </FileButton>
          {scanProblem && <Alert color="orange" role="alert" title="No invite code in that picture" withCloseButton closeButtonLabel="Dismiss" onClose={() => setScanProblem(null)}>{scanProblem}</Alert>}
          <Button type="submit" loading={busy?.startsWith('Joining')} disabled={busy !== null || renaming}>Join</Button>
          {busy?.startsWith('Joining') && <Text size="sm" c="dimmed" role="status">{busy}</Text>}
        </Stack>
      </form>
    </SimpleGrid>
  )
  if (embedded) return body
  return (
    <Container size={760} py={48}>
      <Paper withBorder p="xl" radius="md">
        <Title order={1} size="h2" mb={4}>Welcome to Commonweave</Title>
        <Text c="dimmed" mb="lg">Your community’s offers, tools, decisions and map, kept on your members’ own machines.</Text>
        <Stack gap="xl">
          <section>
            <Group gap="xs" mb="xs"><Badge circle size="lg" variant="light">1</Badge><Title order={2} size="h4">Choose your name</Title></Group>
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <TextInput label="Your name" description="How the members of your spaces will see you. You can change it later in Settings." style={{ flex: 1 }}
                value={you ?? ''} onChange={(e) => setYou(e.currentTarget.value)} maxLength={120} autoComplete="name" />
              <Button variant="default" onClick={() => void rename(yourName)} loading={renaming} disabled={!nameChanged || renaming}>Save name</Button>
            </Group>
          </section>
          <section>
            <Group gap="xs" mb="xs"><Badge circle size="lg" variant="light">2</Badge><Title order={2} size="h4">Create a space, or join one</Title></Group>
            {body}
          </section>
        </Stack>
      </Paper>
    </Container>
  )
}
