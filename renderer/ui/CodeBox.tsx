/** A code to hand to someone (an invite, a grant): shown whole, selectable, with a copy button. */
import { Button, CopyButton, Stack, Textarea } from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'

export function CodeBox({ label, code, copyLabel = 'Copy code' }: { label: string; code: string; copyLabel?: string }) {
  return (
    <Stack gap={6}>
      <Textarea label={label} value={code} readOnly autosize minRows={3} maxRows={8}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)', wordBreak: 'break-all' } }}
        onFocus={(e) => e.currentTarget.select()} />
      <CopyButton value={code} timeout={2_500}>
        {({ copied, copy }) => (
          <Button onClick={copy} variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} w="fit-content"
            leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
            {copied ? 'Copied' : copyLabel}
          </Button>
        )}
      </CopyButton>
    </Stack>
  )
}
