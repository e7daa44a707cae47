/**
 * Import into the map: pick a Kumu blueprint (JSON), Kumu's elements sheet (CSV, with its
 * connections sheet as a second file) or Murmurations profiles (JSON). The file is read here and
 * its text sent to the peer, which first reports what the import would do (nothing written);
 * Import then writes it, all or nothing, and the report says what it did. A file the peer
 * refuses is said in its words, naming the line or field. The focus goes to each step's next
 * button, and the report's summary is announced. The file fields stay in the dialog (hidden
 * while the report shows), so going back finds them holding the files the dialog still has.
 */
import { Alert, Button, Group, Input, Modal, Stack, Text, VisuallyHidden } from '@mantine/core'
import { useEffect, useId, useRef, useState } from 'react'
import type { MapImportReport } from '../../../shared/api/map-api.ts'
import { useApp } from '../../store/use-app.tsx'
import { ImportReport, importSummary } from './ImportReport.tsx'

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
  const check = useRef<HTMLButtonElement>(null)
  const write = useRef<HTMLButtonElement>(null)
  const finish = useRef<HTMLButtonElement>(null)
  const opened = useRef(false)
  // Each step's next button takes the focus (the button pressed was hidden, or disabled while it worked).
  useEffect(() => {
    if (busy) return
    if (!opened.current) { opened.current = true; return }
    const next = step.at === 'pick' ? check.current : step.at === 'checked' ? write.current : finish.current
    next?.focus()
  }, [step, busy, error])
  // What a screen reader hears at each step (a refusal is the alert's to say).
  const said = busy ? 'Reading the file…'
    : step.at === 'checked' ? `Nothing is written yet. ${importSummary(step.report)}`
      : step.at === 'done' ? importSummary(step.report) : ''
  const pick = (f: File | null): void => {
    setFile(f)
    setError(null)
    // The connections field goes with a CSV file: what it held goes with it.
    if (!isCsv(f)) setConnections(null)
  }
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
      <VisuallyHidden role="status">{said}</VisuallyHidden>
      <Stack gap="sm" display={step.at === 'pick' ? undefined : 'none'}>
        <Text size="sm">
          A Kumu blueprint (the JSON Kumu exports), Kumu’s spreadsheets (the elements sheet as CSV, and its connections sheet), or Murmurations organisation profiles (one profile or a list).
          Nodes with the same web address, or the same name and type, become one; you see what would change before anything is written.
        </Text>
        <FilePicker label="File to import" description="JSON or CSV" accept=".json,.csv,application/json,text/csv" onFile={pick} />
        {isCsv(file) && <FilePicker label="Connections sheet" description="Optional: Kumu’s connections as CSV (From, To, Type…)" accept=".csv,text/csv" onFile={setConnections} />}
        {error && <Alert color="red" role="alert" title="This file cannot be imported">{error}</Alert>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button ref={check} loading={busy} disabled={!file} onClick={() => void send(true)}>Check the file</Button>
        </Group>
      </Stack>
      {step.at === 'checked' && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">Nothing is written yet: this is what the import would do.</Text>
          <ImportReport report={step.report} />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setStep({ at: 'pick' })}>Back</Button>
            <Button ref={write} loading={busy} onClick={() => void send(false)}>Import</Button>
          </Group>
        </Stack>
      )}
      {step.at === 'done' && (
        <Stack gap="sm">
          <ImportReport report={step.report} />
          <Group justify="flex-end"><Button ref={finish} onClick={onClose}>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  )
}
