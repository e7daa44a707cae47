/** The space switcher at the top of the navigation, and the way to create or join another. */
import { Badge, Button, Group, Select, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useShallow } from 'zustand/react/shallow'
import type { SpaceId } from '../../../shared/ids.ts'
import { describeAccess } from '../../../shared/api/access-words.ts'
import { useApp } from '../../store/use-app.tsx'
import { when } from '../../ui/when.ts'

export function SpaceSwitcher({ onAdd }: { onAdd: () => void }) {
  const { spaces, selected, select } = useApp(useShallow((s) => ({ spaces: s.spaces.list.value, selected: s.spaces.selected, select: s.spaces.select })))
  const current = spaces.find((s) => s.spaceId === selected)
  return (
    <div>
      <Select
        label="Space"
        data={spaces.map((s) => ({ value: s.spaceId, label: s.role === 'guest' ? `${s.name} (guest)` : s.name }))}
        value={selected}
        onChange={(v) => v && select(v as SpaceId)}
        allowDeselect={false}
        placeholder={spaces.length ? 'Choose a space' : 'No space yet'}
        comboboxProps={{ withinPortal: true }}
        data-testid="space-switcher"
      />
      {current && (
        <Group gap={6} mt={6}>
          {current.role === 'guest'
            ? <Badge size="sm" variant="light" color="grape">Guest</Badge>
            : <Text size="xs" c="dimmed">{current.members} member{current.members === 1 ? '' : 's'} · you are {current.role === 'founder' ? 'the founder' : `a${current.role === 'admin' ? 'n' : ''} ${current.role}`}</Text>}
          {current.damaged && <Badge size="sm" color="orange" title={current.damaged.reason}>Damaged here</Badge>}
        </Group>
      )}
      {current?.role === 'guest' && (
        <Text size="xs" mt={4} c={current.access.cmd === 'none' ? 'red' : 'dimmed'} data-testid="space-access">{describeAccess(current.access, when)}</Text>
      )}
      <Button mt="xs" size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={onAdd}>Create or join a space</Button>
    </div>
  )
}
