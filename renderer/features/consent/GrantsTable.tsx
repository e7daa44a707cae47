/** The grants of the space in three groups (given, received, between others), each row with its standing, and Revoke where allowed. */
import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import type { GrantSummary, SpaceRole } from '../../../shared/api/peer-api.ts'
import { cmdWord, docsWords } from '../../../shared/api/access-words.ts'
import { useApp } from '../../store/use-app.tsx'
import { PersonName } from '../../ui/person.tsx'
import { relative, when } from '../../ui/when.ts'
import { isMembership, mayRevoke, type GrantGroups } from './grant-rules.ts'
import type { Names } from './audit-rules.ts'
import { personLabel, StatusBadge } from './StatusBadge.tsx'

type Side = 'given' | 'received' | 'others'
const COLUMNS = 7

/**
 * The grant with its names filled in from everything the page knows: the peer names only those
 * on the roster now, not one removed or gone (whose name the roster's departed list still holds).
 */
function named(g: GrantSummary, names: Names): GrantSummary {
  return { ...g, issuerName: g.issuerName ?? names.byDid.get(g.issuer) ?? null, audienceName: g.audienceName ?? names.byDid.get(g.audience) ?? null }
}

/** "to Ana", "from Ben", "from Ben to Ana": how a toast names a grant. */
export function grantWho(g: GrantSummary, side: Side): string {
  if (side === 'given') return `to ${personLabel(g.audience, g.audienceName)}`
  if (side === 'received') return `from ${personLabel(g.issuer, g.issuerName)}`
  return `from ${personLabel(g.issuer, g.issuerName)} to ${personLabel(g.audience, g.audienceName)}`
}

export function GrantsTable({ groups, me, role, names }: { groups: GrantGroups; me: string | null; role: SpaceRole; names: Names }) {
  const revoke = useApp((s) => s.consent.revoke)
  const [asking, setAsking] = useState<{ g: GrantSummary; side: Side } | null>(null)
  const [busy, setBusy] = useState(false)
  const sections: Array<{ side: Side; title: string; grants: GrantSummary[]; none: string }> = []
  // A guest cannot grant anything: only what it received.
  if (role !== 'guest') sections.push({ side: 'given', title: 'Given', grants: groups.given, none: 'You have given no grants in this space.' })
  sections.push({ side: 'received', title: 'Received', grants: groups.received, none: 'You hold no grant from anyone else here.' })
  if (role === 'founder' || role === 'admin') sections.push({ side: 'others', title: 'Between others', grants: groups.others, none: 'No grants between other people.' })
  const confirm = async (): Promise<void> => {
    if (!asking) return
    setBusy(true)
    const ok = await revoke(asking.g.grantId, grantWho(asking.g, asking.side))
    setBusy(false)
    if (ok) setAsking(null)
  }
  return (
    <>
      <Table.ScrollContainer minWidth={860}>
        <Table aria-label="Grants" verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>To / from</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Access</Table.Th>
              <Table.Th>Purpose</Table.Th>
              <Table.Th>Until</Table.Th>
              <Table.Th miw={120}>Status</Table.Th>
              <Table.Th><span className="visually-hidden">Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          {sections.map((sec) => (
            <Table.Tbody key={sec.side}>
              <Table.Tr>
                <Table.Th colSpan={COLUMNS} scope="colgroup" bg="var(--mantine-color-default-hover)">{sec.title} <Text span c="dimmed" size="sm" fw={400}>({sec.grants.length})</Text></Table.Th>
              </Table.Tr>
              {sec.grants.length === 0 && (
                <Table.Tr><Table.Td colSpan={COLUMNS}><Text size="sm" c="dimmed">{sec.none}</Text></Table.Td></Table.Tr>
              )}
              {sec.grants.map((raw) => named(raw, names)).map((g) => <GrantRow key={g.grantId} g={g} side={sec.side} canRevoke={mayRevoke(g, me, role)} onRevoke={() => setAsking({ g, side: sec.side })} />)}
            </Table.Tbody>
          ))}
        </Table>
      </Table.ScrollContainer>
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title="Revoke this grant?">
        {asking && (
          <Stack>
            <Text size="sm">The grant {grantWho(asking.g, asking.side)} — {cmdWord(asking.g.cmd)} {docsWords(asking.g.docs)} for “{asking.g.purposeLabel}” — ends now. Their peer is cut off from what it covered as soon as the revocation reaches it; what they already copied stays with them.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)} data-autofocus>Cancel</Button>
              <Button color="red" loading={busy} onClick={() => void confirm()}>Revoke</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  )
}

function GrantRow({ g, side, canRevoke, onRevoke }: { g: GrantSummary; side: Side; canRevoke: boolean; onRevoke: () => void }) {
  const live = g.status === 'valid' || g.status === 'not-yet-valid'
  return (
    <Table.Tr data-grant={g.grantId} c={live ? undefined : 'dimmed'}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {side === 'given' && <>to <PersonName did={g.audience} name={g.audienceName} /></>}
        {side === 'received' && <>from <PersonName did={g.issuer} name={g.issuerName} /></>}
        {side === 'others' && <><PersonName did={g.issuer} name={g.issuerName} /> → <PersonName did={g.audience} name={g.audienceName} /></>}
      </Table.Td>
      <Table.Td>
        {docsWords(g.docs)}
        {isMembership(g) && <Text span size="xs" c="dimmed"> (membership)</Text>}
        {g.note && <Text size="xs" c="dimmed" fs="italic" lineClamp={2} title={g.note}>“{g.note}”</Text>}
      </Table.Td>
      <Table.Td>{cmdWord(g.cmd)}</Table.Td>
      <Table.Td maw={260}><Text size="sm" lineClamp={2} title={g.purposeLabel}>{g.purposeLabel}</Text></Table.Td>
      <Table.Td>
        <Text size="sm" title={when(g.expiresAt)}>{when(g.expiresAt)}</Text>
        <Text size="xs" c="dimmed">{relative(g.expiresAt)}</Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <StatusBadge status={g.status} problem={g.problem?.message} />
      </Table.Td>
      <Table.Td>
        {canRevoke && <Button size="xs" variant="light" color="red" onClick={onRevoke}>Revoke</Button>}
        {!canRevoke && live && isMembership(g) && <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title="A membership ends when they are removed, or leave (Members)">via Members</Text>}
      </Table.Td>
    </Table.Tr>
  )
}
