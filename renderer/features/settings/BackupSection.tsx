/**
 * Export a space to a file and import one back. The files are on the peer's machine (the
 * page may be on another), so paths are typed, not picked; the peer reports its progress.
 */
import { Button, Checkbox, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconDatabaseExport, IconDatabaseImport } from '@tabler/icons-react'
import { useEffect, useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SpaceId } from '../../../shared/ids.ts'
import { isAbsolutePath } from '../../../shared/schemas/file-path.ts'
import { useApp } from '../../store/use-app.tsx'
import { defaultExportPath } from './export-path.ts'
import type { BackupRun } from './slice.ts'


export function ExportForm({ dataDir }: { dataDir: string }) {
  const spaces = useApp((s) => s.spaces.list.value)
  const selected = useApp((s) => s.spaces.selected)
  const { busy, backup, exportSpace } = useApp(useShallow((s) => ({ busy: s.settings.busy, backup: s.settings.backup, exportSpace: s.settings.exportSpace })))
  const [spaceId, setSpaceId] = useState<string | null>(selected)
  const [file, setFile] = useState('')
  const [edited, setEdited] = useState(false)
  const [overwrite, setOverwrite] = useState(false)
  const space = spaces.find((s) => s.spaceId === spaceId) ?? null
  // Until the user types a path of their own, it follows the space chosen.
  useEffect(() => {
    if (!edited && space) setFile(defaultExportPath(dataDir, space.name))
  }, [edited, space, dataDir])
  useEffect(() => {
    if (spaceId === null && selected) setSpaceId(selected)
  }, [spaceId, selected])
  const problem = file.trim() && !isAbsolutePath(file.trim()) ? 'A full path on the peer’s machine, starting with / (or C:\\ on Windows)' : null
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault()
    if (space && file.trim() && !problem) void exportSpace(space.spaceId as SpaceId, file.trim(), overwrite).then((r) => { if (r) setOverwrite(false) })
  }
  if (spaces.length === 0) return <Text size="sm" c="dimmed">No space to export yet.</Text>
  return (
    <form onSubmit={onSubmit} aria-label="Export a space">
      <Stack gap="sm">
        <Select label="Space to export" data={spaces.map((s) => ({ value: s.spaceId, label: s.name }))} value={spaceId}
          onChange={setSpaceId} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
        <TextInput label="Export to file" description="On the machine your peer runs on. Every document and a readable copy of every item go in one file."
          value={file} onChange={(e) => { setFile(e.currentTarget.value); setEdited(true) }} error={problem} spellCheck={false} autoComplete="off" required />
        <Checkbox label="Replace the file if it is already there" checked={overwrite} onChange={(e) => setOverwrite(e.currentTarget.checked)} />
        <Group>
          <Button type="submit" leftSection={<IconDatabaseExport size={16} />} loading={busy === 'export'} disabled={busy !== null || !space || !file.trim() || problem !== null}>Export</Button>
        </Group>
        {backup?.op === 'export' && <BackupProgress run={backup} />}
      </Stack>
    </form>
  )
}

export function ImportForm() {
  const { busy, backup, importSpace } = useApp(useShallow((s) => ({ busy: s.settings.busy, backup: s.settings.backup, importSpace: s.settings.importSpace })))
  const [file, setFile] = useState('')
  const problem = file.trim() && !isAbsolutePath(file.trim()) ? 'A full path on the peer’s machine, starting with / (or C:\\ on Windows)' : null
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault()
    if (file.trim() && !problem) void importSpace(file.trim()).then((r) => { if (r) setFile('') })
  }
  return (
    <form onSubmit={onSubmit} aria-label="Import a space">
      <Stack gap="sm">
        <TextInput label="Import from file" description="An export file on the peer’s machine. The whole file is checked before anything changes; a space already here takes its changes in."
          placeholder="/home/you/commonweave-exports/tool-library-2026-01-31.cwexport"
          value={file} onChange={(e) => setFile(e.currentTarget.value)} error={problem} spellCheck={false} autoComplete="off" required />
        <Group>
          <Button type="submit" variant="default" leftSection={<IconDatabaseImport size={16} />} loading={busy === 'import'} disabled={busy !== null || !file.trim() || problem !== null}>Import</Button>
        </Group>
        {backup?.op === 'import' && <BackupProgress run={backup} />}
      </Stack>
    </form>
  )
}

function BackupProgress({ run }: { run: BackupRun }) {
  const label = run.op === 'export' ? 'Export progress' : 'Import progress'
  const pct = run.total > 0 ? Math.round((run.done / run.total) * 100) : 0
  return (
    <Stack gap={4}>
      {/* Before the first report the bar runs striped: under way, amount not known yet. */}
      <Progress.Root size="md">
        <Progress.Section value={run.total > 0 ? pct : 100} striped={run.total === 0} animated={run.total === 0} aria-label={label} />
      </Progress.Root>
      <Text size="xs" c="dimmed" role="status">
        {run.total > 0 ? `${run.done} of ${run.total} documents` : run.op === 'export' ? 'Reading the space…' : 'Checking the file…'}
      </Text>
    </Stack>
  )
}
