/** Linking two nodes: each chosen by name from the map, the edge's type and which way it runs. */
import { Modal, NativeSelect, Select, Stack, TextInput, type ComboboxItem, type OptionsFilter } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import type { MapNodeView } from '../../../shared/api/map-api.ts'
import { EDGE_DIRECTIONS, type EdgeDirection } from '../../../shared/schemas/map.ts'
import { useApp } from '../../store/use-app.tsx'
import { FormEnd } from '../../ui/FormProblems.tsx'
import { useFormSubmit } from '../../ui/use-form-submit.ts'
import { TYPE_WORDS } from './appearance.ts'
import { checkLink, peerProblems, type LinkFields, type Problem } from './node-form.ts'
import { findNodes, nodeKeys, type NodeKeys } from './node-match.ts'

const DIRECTION_WORDS: Record<EdgeDirection, string> = { directed: 'From → to', undirected: 'No direction', mutual: 'Both ways (mutual)' }

export function LinkNodes({ from, onClose }: { from?: MapNodeView; onClose(): void }) {
  const nodes = useApp((s) => s.map.view.value.nodes)
  const addEdge = useApp((s) => s.map.addEdge)
  const [f, setF] = useState<LinkFields>({ from: from?.id ?? '', to: '', type: '', direction: 'directed', label: '' })
  // Labels can repeat across types: the type tells them apart.
  const choices = useMemo(() => nodes.map((n) => ({ value: n.id, label: `${n.label} (${TYPE_WORDS[n.type].one})` }))
    .sort((a, b) => a.label.localeCompare(b.label)), [nodes])
  // The picker finds a node as the node list does: accents, case and spacing aside, by the starts of its words.
  const filter = useMemo<OptionsFilter>(() => {
    const keys = new Map<string, NodeKeys>(nodes.map((n) => [n.id, nodeKeys(n)]))
    return ({ options, search, limit }) => {
      const items = options.filter((o): o is ComboboxItem => 'value' in o)
      return findNodes(items, (o) => keys.get(o.value) ?? nodeKeys({ label: o.label }), search).slice(0, limit)
    }
  }, [nodes])
  const { problems, busy, submit } = useFormSubmit<LinkFields, Problem>(async (fields) => {
    const checked = checkLink(fields)
    if (!checked.ok) return checked.problems
    const out = await addEdge(checked.value)
    if (!out.ok) return peerProblems(out.error)
    onClose()
    return null
  })
  const set = <K extends keyof LinkFields>(k: K, v: LinkFields[K]): void => setF((was) => ({ ...was, [k]: v }))
  const bad = (k: keyof LinkFields): true | undefined => problems.some((p) => p.field === k) || undefined
  return (
    <Modal opened onClose={onClose} title={from ? `Link “${from.label}” to…` : 'Link two nodes'} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <form aria-label="Link two nodes" onSubmit={(e: FormEvent) => void submit(f, e)} noValidate>
        <Stack gap="sm">
          <Select label="From" data={choices} value={f.from || null} onChange={(v) => set('from', v ?? '')} searchable filter={filter} limit={50} required error={bad('from')}
            nothingFoundMessage="No node by that name" data-autofocus={from ? undefined : true} comboboxProps={{ withinPortal: true }} />
          <Select label="To" data={choices} value={f.to || null} onChange={(v) => set('to', v ?? '')} searchable filter={filter} limit={50} required error={bad('to')}
            nothingFoundMessage="No node by that name" data-autofocus={from ? true : undefined} comboboxProps={{ withinPortal: true }} />
          <TextInput label="Type of link" required placeholder="e.g. funds, member of, works with" value={f.type} onChange={(e) => set('type', e.currentTarget.value)} error={bad('type')} maxLength={80} />
          <NativeSelect label="Direction" value={f.direction} onChange={(e) => set('direction', e.currentTarget.value as EdgeDirection)}
            data={EDGE_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_WORDS[d] }))} />
          <TextInput label="Label" description="Optional: a few words shown with the link" value={f.label} onChange={(e) => set('label', e.currentTarget.value)} maxLength={200} />
          <FormEnd problems={problems} busy={busy} submit="Link" onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  )
}
