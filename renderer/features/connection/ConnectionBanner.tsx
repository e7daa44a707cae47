/** While the page cannot reach its peer: a banner that says so, and that it is retrying by itself. */
import { Alert } from '@mantine/core'
import { IconPlugConnectedX } from '@tabler/icons-react'
import { useApp } from '../../store/use-app.tsx'

export function ConnectionBanner() {
  const online = useApp((s) => s.connection.online)
  const everOnline = useApp((s) => s.connection.everOnline)
  if (online) return null
  return (
    <Alert role="status" color={everOnline ? 'orange' : 'gray'} icon={<IconPlugConnectedX size={18} />} radius={0} py={6} data-testid="offline-banner"
      title={everOnline ? 'Your peer is not answering — reconnecting…' : 'Connecting to your peer…'}>
      {everOnline && 'What you see is the last state it sent. This page reconnects by itself when the peer is back; nothing you saved is lost.'}
    </Alert>
  )
}

/** The small status dot in the header. */
export function ConnectionDot() {
  const online = useApp((s) => s.connection.online)
  const name = useApp((s) => s.connection.status?.name)
  return (
    <span data-testid="connection" className={online ? 'dot on' : 'dot off'} title={online ? 'Connected to your peer' : 'Peer offline, reconnecting…'}>
      {name ?? ''}<span className="visually-hidden">{online ? ' — connected to your peer' : ' — peer offline, reconnecting'}</span>
    </span>
  )
}
