/** The empty, loading and error states every view shows the same way. */
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import type { Loadable } from '../store/loadable.ts'

export interface LoadViewProps<T> {
  what: string
  data: Loadable<T>
  /** True when the value holds nothing to show. */
  isEmpty: (value: T) => boolean
  empty: ReactNode
  retry?: () => void
  children: (value: T) => ReactNode
}

export function LoadView<T>({ what, data, isEmpty, empty, retry, children }: LoadViewProps<T>) {
  if (data.status === 'idle' || data.status === 'loading') {
    return <Center py="xl" role="status"><Loader size="sm" /><Text ml="sm" c="dimmed">Loading {what}…</Text></Center>
  }
  if (data.status === 'error') {
    return (
      <Alert color="red" title={`Could not load ${what}`} role="alert">
        <Text size="sm">{data.error}</Text>
        {retry && <Button mt="sm" size="xs" variant="light" color="red" onClick={retry}>Try again</Button>}
      </Alert>
    )
  }
  if (isEmpty(data.value)) return <>{empty}</>
  return <>{children(data.value)}</>
}

/** What an empty view says: what would be here, and how to put something there. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center">
      <Title order={3} size="h4">{title}</Title>
      {children && <Text c="dimmed" maw={460}>{children}</Text>}
      {action}
    </Stack>
  )
}
