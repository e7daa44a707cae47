/** One member on the list: name, role, whether their peer is online, until when their grant runs; and what may be done to them. */
import { ActionIcon, Badge, Box, Group, Menu, Text } from '@mantine/core'
import { IconDoorExit, IconDots, IconShieldCheck, IconShieldOff, IconUserMinus } from '@tabler/icons-react'
import type { MemberSummary } from '../../../shared/api/members-api.ts'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { roleWord, type MemberActions } from './member-rules.ts'

export type MemberAction = 'make-admin' | 'make-member' | 'remove' | 'leave'

const ROLE_COLOR: Record<string, string> = { founder: 'grape', admin: 'teal', member: 'gray' }

export function displayName(m: Pick<MemberSummary, 'name' | 'did'>): string {
  return m.name?.trim() || 'someone unnamed'
}

export function MemberItem({ m, you, actions, onAction }: { m: MemberSummary; you: boolean; actions: MemberActions; onAction: (a: MemberAction, m: MemberSummary) => void }) {
  const nameId = `member-${m.did.slice(-12)}`
  const any = actions.makeAdmin || actions.makeMember || actions.remove || actions.leave
  return (
    <Group role="listitem" aria-labelledby={nameId} justify="space-between" wrap="nowrap" px="sm" py={10}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="sm" wrap="nowrap" miw={0}>
        <OnlineDot online={m.online} />
        <Box miw={0}>
          <Group gap={8} wrap="nowrap">
            <Text fw={600} id={nameId} truncate><PersonName did={m.did} name={m.name} you={you} /></Text>
            <Badge size="sm" variant="light" color={ROLE_COLOR[m.role] ?? 'gray'}>{roleWord(m.role)}</Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {m.online ? 'Online' : 'Offline'}
            {' · '}
            {m.grantExpires ? <span title={when(m.grantExpires)}>grant until {when(m.grantExpires)} ({relative(m.grantExpires)}; renewed by an admin)</span> : 'no end date'}
          </Text>
        </Box>
      </Group>
      {any && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${displayName(m)}${you ? ' (you)' : ''}`}><IconDots size={18} /></ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {actions.makeAdmin && <Menu.Item leftSection={<IconShieldCheck size={16} />} onClick={() => onAction('make-admin', m)}>Make admin</Menu.Item>}
            {actions.makeMember && <Menu.Item leftSection={<IconShieldOff size={16} />} onClick={() => onAction('make-member', m)}>Make member</Menu.Item>}
            {actions.remove && <Menu.Item color="red" leftSection={<IconUserMinus size={16} />} onClick={() => onAction('remove', m)}>Remove from space</Menu.Item>}
            {actions.leave && <Menu.Item color="red" leftSection={<IconDoorExit size={16} />} onClick={() => onAction('leave', m)}>Leave space</Menu.Item>}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  )
}

function OnlineDot({ online }: { online: boolean }) {
  return <Box aria-hidden w={10} h={10} style={{ borderRadius: '50%', flex: 'none', background: online ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-gray-5)' }} />
}

/** One who is gone: how (left, removed, grant ran out), when, and by whom. */
export function GoneItem({ m }: { m: MemberSummary }) {
  const at = m.gone?.at ? ` on ${when(m.gone.at)}` : ''
  const how = m.status === 'left' ? `Left${at}`
    : m.status === 'removed' ? `Removed${at}`
      : `Membership expired${at}`
  return (
    <Group role="listitem" justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Box miw={0}>
        <Text size="sm" fw={500}><PersonName did={m.did} name={m.name} /> <Text span size="xs" c="dimmed">(was {m.role === 'admin' ? 'an admin' : m.role === 'founder' ? 'the founder' : 'a member'})</Text></Text>
        <Text size="xs" c="dimmed">
          {how}
          {m.status === 'removed' && m.gone?.by && <> by <PersonName did={m.gone.by} name={m.gone.byName} /></>}
        </Text>
      </Box>
    </Group>
  )
}
