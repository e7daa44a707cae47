/**
 * Import into the map: pick a Kumu blueprint (JSON), Kumu's elements sheet (CSV, with its
 * connections sheet as a second file) or Murmurations profiles (JSON). The file is read here and
 * its text sent to the peer, which first reports what the import would do (nothing written);
 * Import then writes it, all or nothing, and the report says what it did. A file the peer
 * refuses is said in its words, naming the line or field.
 */
import { Alert, Button, Group, Input, Modal, Stack, Text } from '@mantine/core'
import { useId, useState } from 'react'
import type { MapImportReport } from '../../../shared/api/map-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { ImportReport } from './ImportReport.tsx'

type Step = { at: 'pick' } | { at: 'checked'; report: MapImportReport } | { at: 'done'; report: MapImportReport }

const isCsv = (f: File | null): boolean => f !== null && (/\.csv$/i.test(f.name) || f.type === 'text/csv')

function FilePicker({ label, description, accept, onFile }: { label: string; description: string; accept: string; onFile(f: File | null): void }) {
  const id = useId()
  return (
    <Input.Wrapper label={label} description={description} labelProps={{ htmlFor: id }}>
      <input id={id} type="file" accept={accept} style={{ display: 'block', marginTop: 4 }} onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)} />
    </Input.Wrapper>
  )
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  const importFile = useApp((s) => s.map.importFile)
  const [file, setFile] = useState<File | null>(null)
  const [connections, setConnections] = useState<File | null>(null)
  const [step, setStep] = useState<Step>({ at: 'pick' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const send = async (dryRun: boolean): Promise<void> => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const [text, connectionsText] = await Promise.all([file.text(), isCsv(file) && connections ? connections.text() : Promise.resolve(undefined)])
      const out = await importFile({ text, fileName: file.name, ...(connectionsText !== undefined ? { connectionsText } : {}), ...(isCsv(file) ? { format: 'kumu-csv' } : {}), dryRun })
      if (out.ok) setStep({ at: dryRun ? 'checked' : 'done', report: out.value })
      else { setError(out.error.message); setStep({ at: 'pick' }) }
    } catch (err) {
      setError(`The file could not be read here: ${(err as Error).message}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal opened onClose={onClose} title="Import into the map" size="lg" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      {step.at === 'pick' && (
        <Stack gap="sm">
          <Text size="sm">
            A Kumu blueprint (the JSON Kumu exports), Kumu’s spreadsheets (the elements sheet as CSV, and its connections sheet), or Murmurations organisation profiles (one profile or a list).
            Nodes with the same web address, or the same name and type, become one; you see what would change before anything is written.
          </Text>
          <FilePicker label="File to import" description="JSON or CSV" accept=".json,.csv,application/json,text/csv" onFile={(f) => { setFile(f); setError(null) }} />
          {isCsv(file) && <FilePicker label="Connections sheet" description="Optional: Kumu’s connections as CSV (From, To, Type…)" accept=".csv,text/csv" onFile={setConnections} />}
          {error && <Alert color="red" role="alert" title="This file cannot be imported">{error}</Alert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button loading={busy} disabled={!file} onClick={() => void send(true)}>Check the file</Button>
          </Group>
        </Stack>
      )}
      {step.at === 'checked' && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">Nothing is written yet: this is what the import would do.</Text>
          <ImportReport report={step.report} />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setStep({ at: 'pick' })}>Back</Button>
            <Button loading={busy} onClick={() => void send(false)}>Import</Button>
          </Group>
        </Stack>
      )}
      {step.at === 'done' && (
        <Stack gap="sm">
          <ImportReport report={step.report} />
          <Group justify="flex-end"><Button onClick={onClose} data-autofocus>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  )
}
