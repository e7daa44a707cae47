/**
 * An export of several files (Kumu's two sheets): one button a file, each saving its own, since
 * a page that starts two downloads at once may have the second held back by the browser.
 */
import { Button, Modal, Stack, Text } from '@mantine/core'
import { IconCheck, IconDownload } from '@tabler/icons-react'
import { useState } from 'react'
import type { MapExport } from '../../../shared/api/map-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { saveFile } from './download.ts'

export function ExportFiles({ exp, onClose }: { exp: MapExport; onClose(): void }) {
  const saved = useApp((s) => s.map.saved)
  const [done, setDone] = useState<ReadonlySet<string>>(new Set())
  const save = (i: number): void => {
    const f = exp.files[i]
    if (!f || !saveFile(f)) return
    saved(exp, f.name)
    setDone((was) => new Set(was).add(f.name))
  }
  return (
    <Modal opened onClose={onClose} title="Save the export" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      <Stack gap="sm">
        <Text size="sm">{exp.nodes} nodes and {exp.edges} edges, in {exp.files.length} files: save each one.</Text>
        {exp.files.map((f, i) => (
          <Button key={f.name} variant={done.has(f.name) ? 'light' : 'default'} justify="flex-start" data-autofocus={i === 0 || undefined}
            leftSection={done.has(f.name) ? <IconCheck size={16} aria-hidden /> : <IconDownload size={16} aria-hidden />} onClick={() => save(i)}>
            {`Save ${f.name}`}
          </Button>
        ))}
        <Button onClick={onClose} variant="subtle">Done</Button>
      </Stack>
    </Modal>
  )
}
