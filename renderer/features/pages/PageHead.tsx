/**
 * A page's title and tags, changed through the API (a rename keeps links working: they are by
 * id). The title is edited in place: Enter or leaving the field saves it, Escape puts it back;
 * a refused title is said in words and what was typed stays.
 */
import { ActionIcon, Badge, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconPlus, IconX } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { PageView } from '../../../shared/api/pages-api.ts'
import { MAX_PAGE_TITLE } from '../../../shared/schemas/page.ts'
import { useApp } from '../../store/use-app.tsx'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'

export function PageHead({ page }: { page: PageView }) {
  const me = useApp((s) => s.connection.status?.did ?? null)
  return (
    <Stack gap={6}>
      {page.may.edit ? <TitleField page={page} /> : <Title order={2} style={{ overflowWrap: 'anywhere' }}>{page.title}</Title>}
      <Text size="sm" c="dimmed">
        Made by <PersonName did={page.createdBy} name={page.createdByName} you={page.createdBy === me} /> <span title={when(page.createdAt)}>{relative(page.createdAt)}</span>
        {' · '}changed <span title={when(page.updatedAt)}>{relative(page.updatedAt)}</span>
      </Text>
      <Tags page={page} />
    </Stack>
  )
}

function TitleField({ page }: { page: PageView }) {
  const rename = useApp((s) => s.pages.rename)
  const [title, setTitle] = useState(page.title)
  const [error, setError] = useState<string | null>(null)
  const editing = useRef(false)
  // Renamed elsewhere while not being edited here: show the new title.
  useEffect(() => { if (!editing.current) setTitle(page.title) }, [page.title])
  const save = async (): Promise<void> => {
    editing.current = false
    const next = title.trim()
    if (next === page.title) return
    if (next === '') return setError('A page needs a title.')
    const out = await rename(page.id, next)
    if (!out.ok) setError(out.error.message)
  }
  return (
    <TextInput aria-label="Title" value={title} error={error} maxLength={MAX_PAGE_TITLE} variant="unstyled" size="xl"
      styles={{ input: { fontSize: 'var(--mantine-h2-font-size)', fontWeight: 700, height: 'auto' } }}
      onChange={(e) => { editing.current = true; setTitle(e.currentTarget.value); setError(null) }}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') { e.preventDefault(); void save() }
        if (e.key === 'Escape') { editing.current = false; setTitle(page.title); setError(null) }
      }} />
  )
}

function Tags({ page }: { page: PageView }) {
  const retag = useApp((s) => s.pages.retag)
  const [adding, setAdding] = useState('')
  const [error, setError] = useState<string | null>(null)
  const set = async (tags: string[]): Promise<boolean> => {
    const out = await retag(page.id, tags)
    if (!out.ok) setError(out.error.message)
    return out.ok
  }
  const add = async (): Promise<void> => {
    const tag = adding.trim().toLowerCase()
    if (tag === '') return
    if (page.tags.includes(tag)) return setAdding('')
    if (await set([...page.tags, tag])) setAdding('')
  }
  return (
    <Group gap={6} role="group" aria-label="Tags" align="center">
      {page.tags.length === 0 && !page.may.edit && <Text size="sm" c="dimmed">No tags.</Text>}
      {page.tags.map((t) => (
        <Badge key={t} variant="light" tt="none" size="md"
          rightSection={page.may.edit
            ? <ActionIcon size="xs" variant="transparent" color="gray" aria-label={`Remove the tag ${t}`} onClick={() => void set(page.tags.filter((x) => x !== t))}><IconX size={12} /></ActionIcon>
            : undefined}>
          {t}
        </Badge>
      ))}
      {page.may.edit && (
        <form aria-label="Add a tag" onSubmit={(e) => { e.preventDefault(); void add() }} style={{ display: 'contents' }}>
          <TextInput size="xs" aria-label="New tag" placeholder="Add a tag" value={adding} error={error} w={140} maxLength={60}
            onChange={(e) => { setAdding(e.currentTarget.value); setError(null) }}
            rightSection={<ActionIcon type="submit" size="sm" variant="subtle" aria-label="Add the tag"><IconPlus size={14} /></ActionIcon>} />
        </form>
      )}
    </Group>
  )
}
