/** A person is shown by name; their key only on hover, shortened, for telling namesakes apart. */
import { Text, Tooltip } from '@mantine/core'

export function shortKey(did: string): string {
  const tail = did.replace(/^did:key:/, '')
  return `…${tail.slice(-6)}`
}

export function PersonName({ did, name, you }: { did: string; name: string | null | undefined; you?: boolean }) {
  const label = name?.trim() || `someone (${shortKey(did)})`
  return (
    <Tooltip label={did} openDelay={400} withArrow>
      <Text span inherit>{label}{you ? ' (you)' : ''}</Text>
    </Tooltip>
  )
}
