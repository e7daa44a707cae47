/**
 * "Import from Loomio": a Loomio group export (JSON) on the peer's machine becomes the
 * space's decision history. The path is typed, not picked: the file is where the peer runs,
 * which may not be where this page is. What came over and what was skipped (and why) is shown.
 */
import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconFileImport } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { ImportDecisionsResult } from '../../../shared/api/decisions-api.ts'
import { isAbsolutePath } from '../../../shared/schemas/file-path.ts'
import { useApp } from '../../store/use-app.tsx'


export function ImportFromLoomio() {
  const [opened, { open, close }] = useDisclosure(false)
  const importLoomio = useApp((s) => s.decisions.importLoomio)
  const [file, setFile] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<ImportDecisionsResult | null>(null)
  const problem = file.trim() && !isAbsolutePath(file.trim()) ? 'A full path on the peer’s machine, starting with / (or C:\\ on Windows)' : null
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (!file.trim() || problem) return
    setBusy(true)
    setError(null)
    const out = await importLoomio(file.trim())
    setBusy(false)
    if (out.ok) setResult(out.value)
    else setError(out.error.message)
  }
  const dismiss = (): void => {
    close()
    setResult(null)
    setError(null)
  }
  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={open}>Import from Loomio</Button>
      <Modal opened={opened} onClose={dismiss} title="Import from Loomio" size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
        {result
          ? <ImportReport result={result} onDone={dismiss} />
          : (
              <form onSubmit={(e) => void onSubmit(e)} aria-label="Import from Loomio">
                <Stack gap="sm">
                  <Text size="sm">
                    In Loomio, open the group’s options, choose “Export group data” and “as JSON”, and save the file Loomio sends you.
                    Its closed proposals (consent, consensus, advice and plain proposals) come over with each member’s latest stance,
                    their reasons and the outcome, named as in Loomio, and marked as imported: signed by you, not by the voters.
                  </Text>
                  <TextInput label="Loomio export file" description="A full path on the machine your peer runs on." placeholder="/home/you/Downloads/2026-11-30_hall-co-op.json"
                    value={file} onChange={(e) => setFile(e.currentTarget.value)} error={problem} spellCheck={false} autoComplete="off" required />
                  {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
                  <Group justify="flex-end">
                    <Button variant="default" onClick={dismiss}>Cancel</Button>
                    <Button type="submit" loading={busy} disabled={!file.trim() || problem !== null}>Import</Button>
                  </Group>
                </Stack>
              </form>
            )}
      </Modal>
    </>
  )
}

function ImportReport({ result, onDone }: { result: ImportDecisionsResult; onDone: () => void }) {
  return (
    <Stack gap="sm" role="status">
      <Text fw={600}>
        {result.imported.length === 0 ? 'Nothing new to import.' : `Imported ${result.imported.length} decision${result.imported.length === 1 ? '' : 's'}.`}
      </Text>
      {result.imported.length > 0 && <List size="sm" aria-label="Imported">{result.imported.map((d) => <List.Item key={d.id}>{d.title}</List.Item>)}</List>}
      {result.skipped.length > 0 && (
        <>
          <Text size="sm">Not imported:</Text>
          <List size="sm" aria-label="Not imported">{result.skipped.map((s) => <List.Item key={s.id}>“{s.title}”: {s.reason}</List.Item>)}</List>
        </>
      )}
      <Group justify="flex-end"><Button onClick={onDone}>Done</Button></Group>
    </Stack>
  )
}
