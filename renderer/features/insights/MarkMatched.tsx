/**
 * "Mark matched by this offer", on each match of a need this peer may change (its owner, an
 * admin, the founder). The need's status is what changes (the data holds no link to the offer):
 * the toast names the offer that met it and offers Undo. Someone else's need is asked about
 * first, naming whose it is: an admin or the founder may change it, and should mean to.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useState } from 'react'
import type { InsightItem } from '../../../shared/api/insight-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { canChange } from '../resources/access.ts'
import { useNames } from '../resources/use-names.ts'
import { selectedSpace } from '../spaces/slice.ts'
import { KIND_LABEL } from '../resources/badges.tsx'

export function MarkMatched({ need, offer }: { need: InsightItem; offer: InsightItem }) {
  const space = useApp(selectedSpace)
  const markMatched = useApp((s) => s.insights.markMatched)
  const names = useNames()
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  if (space?.spaceId !== need.spaceId || !canChange(space, names.me, need)) return null
  const theirs = need.owner !== names.me
  const whose = names.nameOf(need.owner, need.ownerName) ?? 'another member'
  const kind = KIND_LABEL[offer.kind].one.toLowerCase()
  const mark = async (): Promise<void> => {
    setBusy(true)
    const out = await markMatched(need, offer)
    setBusy(false)
    setAsking(false)
    setProblem(out)
  }
  return (
    <>
      <Button size="compact-sm" variant="light" leftSection={<IconCheck size={14} />} loading={busy && !asking}
        aria-label={`Mark matched by this ${kind}: “${offer.title}” for “${need.title}”`} onClick={() => (theirs ? setAsking(true) : void mark())}>
        Mark matched by this {kind}
      </Button>
      {problem && <Text size="sm" c="red" role="alert">{problem}</Text>}
      {asking && (
        <Modal opened onClose={() => setAsking(false)} title={`Mark ${whose}’s need matched?`} closeButtonProps={{ 'aria-label': 'Dismiss' }}>
          <Stack>
            <Text size="sm">
              “{need.title}” is {whose}’s need, not yours. Marked matched by “{offer.title}”, it leaves the matches for everyone in
              {' '}{space.name}; {whose} sees it marked matched. You can undo it from the message that follows.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(false)} data-autofocus>Cancel</Button>
              <Button loading={busy} onClick={() => void mark()}>Mark matched</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  )
}
