/** The map's actions: add a node, link two, import (for those who may change the map), and export (for all who see it). */
import { Button, Group, Menu } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useShallow } from 'zustand/react/shallow'
import { IconDownload, IconFileImport, IconLink, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import type { MapExport } from '../../../shared/api/map-api.ts'
import type { MapFormat } from '../../../shared/schemas/map.ts'
import { useApp } from '../../store/use-app.tsx'
import { saveFile } from './download.ts'
import { ExportFiles } from './ExportFiles.tsx'
import { ImportDialog } from './ImportDialog.tsx'
import { LinkNodes } from './LinkForm.tsx'
import { AddNode } from './NodeForm.tsx'

const EXPORTS: Array<{ format: MapFormat; words: string }> = [
  { format: 'kumu', words: 'Kumu blueprint (JSON)' },
  { format: 'kumu-csv', words: 'Kumu spreadsheets (two CSV files)' },
  { format: 'murmurations', words: 'Murmurations profiles (JSON)' },
]

export function MapActions({ may, empty }: { may: boolean; empty: boolean }) {
  const [adding, add] = useDisclosure(false)
  const [linking, link] = useDisclosure(false)
  const [importing, imp] = useDisclosure(false)
  const [exporting, setExporting] = useState(false)
  const [files, setFiles] = useState<MapExport | null>(null)
  const { exportAs, saved } = useApp(useShallow((s) => ({ exportAs: s.map.exportAs, saved: s.map.saved })))
  // One file is saved at once; several are offered one button each.
  const save = async (format: MapFormat): Promise<void> => {
    setExporting(true)
    const exp = await exportAs(format)
    setExporting(false)
    if (!exp) return
    const only = exp.files.length === 1 ? exp.files[0] : undefined
    if (only) { if (saveFile(only)) saved(exp, only.name) } else setFiles(exp)
  }
  return (
    <Group gap="xs">
      {may && <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={add.open}>Add a node</Button>}
      {may && !empty && <Button size="sm" variant="default" leftSection={<IconLink size={16} aria-hidden />} onClick={link.open}>Link two nodes</Button>}
      {may && <Button size="sm" variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={imp.open}>Import</Button>}
      {!empty && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="sm" variant="default" loading={exporting} leftSection={<IconDownload size={16} aria-hidden />}>Export</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {EXPORTS.map((e) => <Menu.Item key={e.format} onClick={() => void save(e.format)}>{e.words}</Menu.Item>)}
          </Menu.Dropdown>
        </Menu>
      )}
      {adding && <AddNode onClose={add.close} />}
      {linking && <LinkNodes onClose={link.close} />}
      {importing && <ImportDialog onClose={imp.close} />}
      {files && <ExportFiles exp={files} onClose={() => setFiles(null)} />}
    </Group>
  )
}
