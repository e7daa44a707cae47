/**
 * Settings: your name (in every space), your key (for someone to grant you access), accepting
 * a grant, the theme, the data directory, backups of a space, and what this peer is.
 */
import { Button, Center, Code, CopyButton, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'
import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { StatusInfo } from '../../../shared/api/peer-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { when } from '../../ui/when.ts'
import { ExportForm, ImportForm } from './BackupSection.tsx'
import type { ThemeChoice } from './slice.ts'

export function SettingsView() {
  const status = useApp((s) => s.connection.status)
  return (
    <Stack maw={820} gap="lg" pb="xl">
      <Title order={2}>Settings</Title>
      {!status
        ? <Center py="xl" role="status"><Loader size="sm" /><Text ml="sm" c="dimmed">Asking your peer…</Text></Center>
        : <SettingsCards status={status} />}
    </Stack>
  )
}

function SettingsCards({ status }: { status: StatusInfo }) {
  return (
    <>
      <SettingsCard title="Name" description="How the members of every space you are in see you. A new name reaches them all.">
        <NameForm current={status.name} />
      </SettingsCard>
      <SettingsCard title="Your key" description="People outside a space can be given access to part of it. Send this key to someone in the space: they grant you access and send you a grant code back.">
        <KeyBox did={status.did} />
      </SettingsCard>
      <SettingsCard title="Accept a grant" description="Paste the grant code you were sent. The space it opens appears in the space switcher, as a guest.">
        <AcceptGrantForm />
      </SettingsCard>
      <SettingsCard title="Appearance">
        <ThemeChooser />
      </SettingsCard>
      <SettingsCard title="Backups" description="A whole space in one file: keep it somewhere safe, or move a space to another machine.">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <ExportForm dataDir={status.dataDir} />
          <ImportForm />
        </SimpleGrid>
      </SettingsCard>
      <SettingsCard title="Data and about">
        <AboutList status={status} />
      </SettingsCard>
    </>
  )
}

function SettingsCard({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section">
      <Title order={3} size="h4" mb={description ? 4 : 'sm'}>{title}</Title>
      {description && <Text size="sm" c="dimmed" mb="md" maw={640}>{description}</Text>}
      {children}
    </Paper>
  )
}

function NameForm({ current }: { current: string }) {
  const { busy, rename } = useApp(useShallow((s) => ({ busy: s.settings.busy, rename: s.settings.rename })))
  const [name, setName] = useState(current)
  // The peer's name can change elsewhere (the CLI, onboarding): follow it while not being edited.
  const [editing, setEditing] = useState(false)
  useEffect(() => {
    if (!editing) setName(current)
  }, [current, editing])
  const trimmed = name.trim()
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault()
    if (trimmed && trimmed !== current) void rename(trimmed).then((ok) => { if (ok) setEditing(false) })
  }
  return (
    <form onSubmit={onSubmit}>
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Your name" value={name} maxLength={120} w={320} autoComplete="name"
          onChange={(e) => { setName(e.currentTarget.value); setEditing(true) }} />
        <Button type="submit" loading={busy === 'rename'} disabled={busy !== null || !trimmed || trimmed === current}>Save name</Button>
      </Group>
    </form>
  )
}

function KeyBox({ did }: { did: string }) {
  return (
    <Group align="center" wrap="nowrap" gap="sm">
      <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="your-key">{did}</Code>
      <CopyButton value={did} timeout={2000}>
        {({ copied, copy }) => (
          <Button variant={copied ? 'light' : 'default'} color={copied ? 'teal' : undefined} onClick={copy}
            leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} aria-label="Copy your key">
            {copied ? 'Copied' : 'Copy your key'}
          </Button>
        )}
      </CopyButton>
    </Group>
  )
}

function AcceptGrantForm() {
  const { busy, acceptGrant } = useApp(useShallow((s) => ({ busy: s.settings.busy, acceptGrant: s.settings.acceptGrant })))
  const [code, setCode] = useState('')
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault()
    if (code.trim()) void acceptGrant(code.trim()).then((s) => { if (s) setCode('') })
  }
  return (
    <form onSubmit={onSubmit} aria-label="Accept a grant">
      <Stack gap="sm">
        <Textarea label="Grant code" placeholder="cwg1.…" value={code} onChange={(e) => setCode(e.currentTarget.value)}
          autosize minRows={2} maxRows={6} spellCheck={false} autoComplete="off" required />
        <Group>
          <Button type="submit" loading={busy === 'accept'} disabled={busy !== null || !code.trim()}>Accept</Button>
        </Group>
      </Stack>
    </form>
  )
}

const THEMES: Array<{ label: string; value: ThemeChoice }> = [
  { label: 'System', value: 'auto' }, { label: 'Light', value: 'light' }, { label: 'Dark', value: 'dark' },
]

function ThemeChooser() {
  const { theme, setTheme } = useApp(useShallow((s) => ({ theme: s.settings.theme, setTheme: s.settings.setTheme })))
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="theme-label">Theme</Text>
      <SegmentedControl data={THEMES} value={theme} onChange={(v) => setTheme(v as ThemeChoice)} aria-labelledby="theme-label" w={320} />
      <Text size="xs" c="dimmed">“System” follows your computer’s light or dark setting. The choice is kept in this browser.</Text>
    </Stack>
  )
}

function AboutList({ status }: { status: StatusInfo }) {
  const rows: Array<[string, ReactNode]> = [
    ['Data directory', <Code key="d" style={{ wordBreak: 'break-all' }} data-testid="data-dir">{status.dataDir}</Code>],
    ['Version', `Commonweave ${status.version}`],
    ['Peer id', <Code key="p" style={{ wordBreak: 'break-all' }}>{status.peerId}</Code>],
    ['Running since', when(status.startedAt)],
    // Not a link: the API answers only with the token, which this page never puts in an address.
    ['Local API', status.api ? <Code key="a">{status.api}</Code> : 'not served here (the desktop app)'],
    ['Discovery on this network', status.mdns ? 'on (peers on the same LAN find each other)' : 'off'],
  ]
  return (
    <Stack gap="xs">
      <Table variant="vertical" layout="fixed" withTableBorder={false} aria-label="This peer">
        <Table.Tbody>
          {rows.map(([term, value]) => (
            <Table.Tr key={term}>
              <Table.Th w={210} fw={500} c="dimmed" fz="sm">{term}</Table.Th>
              <Table.Td fz="sm">{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Everything your spaces hold is kept in the data directory, on this machine. Commonweave is free software (AGPL-3.0-or-later).
      </Text>
    </Stack>
  )
}
