/** One item's page (a proposal, a knowledge page) while it loads, when it is not here (in words, with Try again), and once it is. */
import { Alert, Button, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { Loadable } from '../store/loadable.ts'

export function OpenItem<T>({ what, data, retry, children }: { what: string; data: Loadable<T | null>; retry(): void; children(value: T): ReactNode }) {
  if (data.value) return <>{children(data.value)}</>
  if (data.status === 'error') {
    return (
      <Alert color="orange" title={`This ${what} is not here`} role="alert">
        <Text size="sm">{data.error}</Text>
        <Button mt="sm" size="xs" variant="light" color="orange" onClick={retry}>Try again</Button>
      </Alert>
    )
  }
  return <Text c="dimmed" role="status" aria-busy="true">Loading the {what}…</Text>
}
