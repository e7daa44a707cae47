/**
 * Suggestions: pairs of map nodes or members who are not linked but could be, with the score and
 * the reasons (scores in percent, as everywhere else); two map nodes can be linked from here (a
 * type chosen) where this peer may write the map; for two members, what to do: tell each of the
 * other, their need and offer being under Matches. The member who is this peer is "(you)".
 */
import { Badge, Button, Card, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core'
import { IconLink } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { Suggestion, SuggestionEnd } from '../../../shared/api/insight-api.ts'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { FormEnd } from '../../ui/FormProblems.tsx'
import { EmptyState, LoadView } from '../../ui/LoadView.tsx'
import { useFormSubmit } from '../../ui/use-form-submit.ts'
import { checkLink, peerProblems, type Problem } from '../map/node-form.ts'
import { MAP } from '../map/may.ts'
import { mayWriteCollection } from '../resources/access.ts'
import { selectedSpace } from '../spaces/slice.ts'
import { suggestionReason } from './match-words.ts'
import { ScoreBar } from './MatchRow.tsx'
import { InsightTab } from './slice.ts'
import { useInsightTab } from './use-tab.ts'

export function SuggestionsTab() {
  const { data, retry } = useInsightTab(InsightTab.Suggestions)
  const mayLink = useApp((s) => mayWriteCollection(selectedSpace(s), MAP))
  const [linking, setLinking] = useState<Suggestion | null>(null)
  return (
    <>
      <LoadView what="the suggestions" data={data} retry={retry} isEmpty={(v) => v === null || v.suggestions.length === 0}
        empty={<EmptyState title="No suggestions yet">Pairs who share neighbours on the map, tags, or a need and an offer that match show here once the map and the board hold them.</EmptyState>}>
        {(v) => (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Suggestions">
            {v!.suggestions.map((s) => (
              <SuggestionCard key={`${s.a.kind}:${s.a.id}|${s.b.kind}:${s.b.id}`} s={s} onLink={mayLink && s.a.kind === 'node' && s.b.kind === 'node' ? () => setLinking(s) : null} />
            ))}
          </Stack>
        )}
      </LoadView>
      {linking && <LinkPair s={linking} onClose={() => setLinking(null)} />}
    </>
  )
}

const END_WORDS: Record<SuggestionEnd['kind'], string> = { node: 'on the map', member: 'member' }

function SuggestionCard({ s, onLink }: { s: Suggestion; onLink: (() => void) | null }) {
  const label = `${s.a.label} and ${s.b.label}`
  return (
    <Card component="li" withBorder padding="sm" aria-label={label}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
          <End end={s.a} />
          <Text span c="dimmed" aria-hidden>↔</Text>
          <Text span className="visually-hidden">and</Text>
          <End end={s.b} />
        </Group>
        <ScoreBar score={s.score} />
      </Group>
      <List size="sm" spacing={2} mt={4} withPadding aria-label="Why">
        {s.reasons.map((r, i) => <List.Item key={i}>{suggestionReason(r)}</List.Item>)}
      </List>
      {onLink && (
        <Group mt="xs"><Button size="compact-sm" variant="light" leftSection={<IconLink size={14} />} onClick={onLink}>Link on the map</Button></Group>
      )}
      {s.a.kind === 'member' && s.b.kind === 'member' && <MembersNext s={s} />}
    </Card>
  )
}

/** For two members: what a coordinator can do about it, and the way to their matches. */
function MembersNext({ s }: { s: Suggestion }) {
  const go = useApp((st) => st.nav.go)
  const me = useApp((st) => st.connection.status?.did ?? null)
  const one = [s.a, s.b].find((e) => e.id === me)
  const words = one
    ? `Get in touch with ${(one === s.a ? s.b : s.a).label}: your need and offer are under Matches.`
    : `Tell ${s.a.label} and ${s.b.label} of each other, or ask them to get in touch: their need and offer are under Matches.`
  return (
    <Group mt="xs" gap="xs" wrap="wrap">
      <Text size="sm" c="dimmed">{words}</Text>
      <Button size="compact-sm" variant="subtle" onClick={() => go(Section.Insights)} aria-label={`Open matches of ${s.a.label} and ${s.b.label}`}>Open matches</Button>
    </Group>
  )
}

function End({ end }: { end: SuggestionEnd }) {
  const go = useApp((s) => s.nav.go)
  const you = useApp((s) => end.kind === 'member' && s.connection.status?.did === end.id)
  return (
    <Group gap={4} wrap="nowrap">
      {end.kind === 'node'
        ? <Button variant="subtle" size="compact-sm" px={4} onClick={() => go(Section.Map, end.id)} title="Open it on the map">{end.label}</Button>
        : <Text span fw={600} title={end.id}>{end.label}{you ? ' (you)' : ''}</Text>}
      <Badge size="xs" variant="default" tt="none">{END_WORDS[end.kind]}</Badge>
    </Group>
  )
}

/** Links the pair on the map, with the type of link the weaver chooses (no direction: the Map can give it one). */
function LinkPair({ s, onClose }: { s: Suggestion; onClose(): void }) {
  const addEdge = useApp((st) => st.map.addEdge)
  const [type, setType] = useState('')
  const { problems, busy, submit } = useFormSubmit<string, Problem>(async (t) => {
    const checked = checkLink({ from: s.a.id, to: s.b.id, type: t, direction: 'undirected', label: '' })
    if (!checked.ok) return checked.problems
    const out = await addEdge(checked.value)
    if (!out.ok) return peerProblems(out.error)
    onClose()
    return null
  })
  return (
    <Modal opened onClose={onClose} title={`Link “${s.a.label}” and “${s.b.label}”`} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <form aria-label="Link on the map" onSubmit={(e: FormEvent) => void submit(type, e)} noValidate>
        <Stack gap="sm">
          <TextInput label="Type of link" required placeholder="e.g. works with, supplies, funds" value={type} onChange={(e) => setType(e.currentTarget.value)}
            error={problems.some((p) => p.field === 'type') || undefined} maxLength={80} data-autofocus />
          <Text size="sm" c="dimmed">The link has no direction; give it one on the Map if it runs one way.</Text>
          <FormEnd problems={problems} busy={busy} submit="Link" onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  )
}
