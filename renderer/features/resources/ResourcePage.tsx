/**
 * One resource's page: every field, who posted it and when, its pool, and — for whoever may —
 * Edit, Close (or Reopen) and Delete. Tools and facilities link to their bookings; an open need
 * shows its best matches.
 */
import { Alert, Anchor, Badge, Button, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconArrowLeft, IconCalendarEvent, IconPencil, IconTrash } from '@tabler/icons-react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { BOOKABLE_KINDS, type ResourceView } from '../../../shared/schemas/resource.ts'
import { useApp } from '../../store/use-app.tsx'
import { words } from '../../store/loadable.ts'
import { selectedSpace } from '../spaces/slice.ts'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { canChange } from './access.ts'
import { ExpiryText, KIND_LABEL, KindBadge, StatusBadge } from './badges.tsx'
import { ResourceForm } from './ResourceForm.tsx'
import { fieldsOf, peerProblems, toEdit, type ResourceFields } from './resource-form.ts'
import { useNames } from './use-names.ts'
import { NO_FILTER } from './filter.ts'
import { NeedMatches } from '../insights/NeedMatches.tsx'

export function ResourcePage({ id }: { id: string }) {
  const { list, go } = useApp(useShallow((s) => ({ list: s.resources.list, go: s.nav.go })))
  const inList = list.value.find((r) => r.id === id) ?? null
  // Seen in the list, then gone from it: deleted (here or by someone else), nothing to fetch.
  const seen = useRef(false)
  if (inList) seen.current = true
  const fetched = useFetched(id, list.status === 'ready' && !inList && !seen.current)
  const item = inList ?? fetched.item
  const back = <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => go('resources')} w="fit-content">Back</Button>

  if (!item) {
    return (
      <Stack gap="md">
        {back}
        {seen.current
          ? <Alert color="gray" title="This resource was deleted" role="status">It is no longer listed in this space.</Alert>
          : list.status === 'error' || fetched.error
          ? <Alert color="orange" title="This resource is not here" role="alert">{fetched.error ?? list.error}</Alert>
          : <Text c="dimmed" aria-busy="true">Loading the resource…</Text>}
      </Stack>
    )
  }
  return (
    <Stack gap="md">
      {back}
      <ResourceDetails item={item} />
    </Stack>
  )
}

/** The item from the peer, when the list does not hold it (an old link, a unique start of an id, a deleted item). */
function useFetched(id: string, needed: boolean): { item: ResourceView | null; error: string | null } {
  const { spaceId, fetchOne } = useApp(useShallow((s) => ({ spaceId: s.spaces.selected, fetchOne: s.resources.fetchOne })))
  const [state, setState] = useState<{ id: string; item: ResourceView | null; error: string | null }>({ id, item: null, error: null })
  useEffect(() => {
    if (!needed || !spaceId) return
    let live = true
    fetchOne(id).then((item) => { if (live) setState({ id, item, error: null }) },
      (err: unknown) => { if (live) setState({ id, item: null, error: words(err) }) })
    return () => { live = false }
  }, [id, needed, spaceId, fetchOne])
  return state.id === id ? state : { item: null, error: null }
}

function ResourceDetails({ item }: { item: ResourceView }) {
  const space = useApp(selectedSpace)
  const { edit, go, setFilter } = useApp(useShallow((s) => ({ edit: s.resources.edit, go: s.nav.go, setFilter: s.resources.setFilter })))
  const names = useNames()
  const mayChange = canChange(space, names.me, item)
  const bookable = BOOKABLE_KINDS.includes(item.kind) && space !== null && space.role !== 'guest'
  const [closing, setClosing] = useState(false)
  const [problem, alertError] = useState<string | null>(null)
  // Opening an item moves focus to its title, so a screen reader announces the page it opened.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus({ preventScroll: true }), [item.id])
  const setStatus = async (status: ResourceView['status']): Promise<void> => {
    setClosing(true)
    try {
      await edit(item.id, { status }).then((out) => { if (!out.ok) alertError(out.error.message) })
    } finally {
      setClosing(false)
    }
  }

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <KindBadge kind={item.kind} />
          <StatusBadge item={item} />
          {!item.expired && <ExpiryText expiresAt={item.expiresAt} />}
        </Group>
        <Group justify="space-between" align="flex-start" gap="md">
          <Title order={2} ref={heading} tabIndex={-1} style={{ overflowWrap: 'anywhere', flex: '1 1 320px', outline: 'none' }}>{item.title}</Title>
          {mayChange && (
            <Group gap="xs">
              <EditButton item={item} />
              {item.status === 'closed'
                ? <Button variant="default" loading={closing} onClick={() => void setStatus('open')}>Reopen</Button>
                : <Button variant="default" loading={closing} onClick={() => void setStatus('closed')}>Close</Button>}
              <DeleteButton item={item} />
            </Group>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {KIND_LABEL[item.kind].one} posted by <PersonName did={item.owner} name={names.nameOf(item.owner, item.ownerName)} you={item.owner === names.me} /> {relative(item.createdAt)}
        </Text>
      </Stack>
      {problem && <Alert color="red" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => alertError(null)}>{problem}</Alert>}
      {item.description
        ? <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} maw={720}>{item.description}</Text>
        : <Text c="dimmed" fs="italic">No description.</Text>}
      {item.tags.length > 0 && (
        <Group gap={6} role="group" aria-label="Tags">
          {item.tags.map((t) => (
            <Badge key={t} component="button" type="button" variant="default" tt="none" style={{ cursor: 'pointer' }}
              title={`Resources tagged “${t}”`} onClick={() => { setFilter({ ...NO_FILTER, tag: t }); go('resources') }}>{t}</Badge>
          ))}
        </Group>
      )}
      {bookable && (
        <Anchor component="button" type="button" onClick={() => go('bookings', item.id)} w="fit-content">
          <Group gap={6}><IconCalendarEvent size={16} />See bookings</Group>
        </Anchor>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" maw={720} component="dl" m={0}>
        <Field label="Owner"><PersonName did={item.owner} name={names.nameOf(item.owner, item.ownerName)} you={item.owner === names.me} /></Field>
        <Field label="Status">{item.status}{item.expired ? ' (expired)' : ''}</Field>
        {item.quantity !== undefined && <Field label="Quantity">{item.quantity}</Field>}
        {item.pool && <Field label="Pool">{item.poolName ?? 'a pool not yet on this device'}</Field>}
        {item.location && <Field label="Location">{item.location}</Field>}
        {item.coordinates && <Field label="Coordinates">{item.coordinates.lat}, {item.coordinates.lon}</Field>}
        {item.availability && <Field label="Availability">{item.availability}</Field>}
        {item.expiresAt && <Field label="Expires">{when(item.expiresAt)} ({relative(item.expiresAt)})</Field>}
        <Field label="Created">{when(item.createdAt)}</Field>
        <Field label="Updated">{when(item.updatedAt)}</Field>
      </SimpleGrid>
      {item.kind === 'need' && item.status === 'open' && !item.expired && <NeedMatches needId={item.id} />}
    </Stack>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>{label}</Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>{children}</Text>
    </div>
  )
}

function EditButton({ item }: { item: ResourceView }) {
  const [opened, { open, close }] = useDisclosure(false)
  const { edit, pools } = useApp(useShallow((s) => ({ edit: s.resources.edit, pools: s.resources.pools.value })))
  const submit = async (fields: ResourceFields) => {
    const checked = toEdit(item, fields)
    if (!checked.ok) return checked.problems
    const out = await edit(item.id, checked.value)
    if (!out.ok) return peerProblems(out.error, fields.tags)
    close()
    return null
  }
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={16} />} onClick={open}>Edit</Button>
      <Modal opened={opened} onClose={close} title={`Edit “${item.title}”`} size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        <ResourceForm mode="edit" initial={fieldsOf(item)} pools={pools} onSubmit={submit} onCancel={close} />
      </Modal>
    </>
  )
}

function DeleteButton({ item }: { item: ResourceView }) {
  const [opened, { open, close }] = useDisclosure(false)
  const { remove, go } = useApp(useShallow((s) => ({ remove: s.resources.remove, go: s.nav.go })))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const confirm = async (): Promise<void> => {
    setBusy(true)
    const out = await remove(item.id)
    setBusy(false)
    if (!out.ok) return setError(out.error.message)
    close()
    go('resources')
  }
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => { setError(null); open() }}>Delete</Button>
      <Modal opened={opened} onClose={close} title="Delete this resource?" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        <Stack gap="md">
          <Text>“{item.title}” will be removed for everyone in the space, on every device. This cannot be undone.</Text>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>Cancel</Button>
            <Button color="red" loading={busy} onClick={() => void confirm()}>Delete</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
