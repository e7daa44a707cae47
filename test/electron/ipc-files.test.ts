/** From the page, export and import name only .cwexport files, never inside the data directory; nor does a folder of pages to import. */
import { describe, expect, it } from 'vitest'
import { refuseFile } from '../../electron/main/ipc-files.ts'

const DATA = '/home/ada/.config/Commonweave/peer'

describe('files the page may name over IPC', () => {
  it.each([
    ['exportSpace', '/home/ada/Documents/garden-2026-11-30.cwexport'],
    ['importSpace', '/media/usb/Garden.CWEXPORT'],
    ['exportSpace', '/home/ada/.config/Commonweave/peer-exports/a.cwexport'],
    ['importDecisions', '/home/ada/Downloads/2026-11-30_tool-library.json'],
  ])('%s %s is allowed', (op, file) => {
    expect(refuseFile(op, { spaceId: 's', file }, DATA)).toBeNull()
  })

  it.each([
    ['exportSpace', '/home/ada/.bashrc', 'VALIDATION_FAILED'],
    ['exportSpace', `${DATA}/identity.json`, 'VALIDATION_FAILED'],
    ['exportSpace', `${DATA}/evil.cwexport`, 'FORBIDDEN'],
    ['exportSpace', `${DATA}/sub/../../peer/x.cwexport`, 'FORBIDDEN'],
    ['importSpace', '/etc/shadow', 'VALIDATION_FAILED'],
    ['importSpace', 'relative.cwexport', 'VALIDATION_FAILED'],
    ['importSpace', 42, 'VALIDATION_FAILED'],
    ['importDecisions', '/home/ada/.ssh/id_ed25519', 'VALIDATION_FAILED'],
    ['importDecisions', `${DATA}/local-state.json`, 'FORBIDDEN'],
  ])('%s %s is refused (%s)', (op, file, code) => {
    expect(refuseFile(op, { file }, DATA)?.code).toBe(code)
  })

  it('a folder of markdown to import is any folder outside the data directory', () => {
    expect(refuseFile('importPages', { spaceId: 's', dir: '/home/ada/handbook' }, DATA)).toBeNull()
    expect(refuseFile('importPages', { dir: DATA }, DATA)?.code).toBe('FORBIDDEN')
    expect(refuseFile('importPages', { dir: `${DATA}/automerge` }, DATA)?.code).toBe('FORBIDDEN')
    expect(refuseFile('importPages', { dir: 'handbook' }, DATA)?.message).toBe('Give the folder as a full path.')
  })

  it('a map\'s import and export carry text when they name no file; a file named is checked as any other', () => {
    expect(refuseFile('importMap', { spaceId: 's', text: '{"elements":[]}' }, DATA)).toBeNull()
    expect(refuseFile('exportMap', { spaceId: 's', format: 'kumu' }, DATA)).toBeNull()
    expect(refuseFile('importMap', { file: '/home/ada/kumu/elements.csv', connectionsFile: '/home/ada/kumu/connections.CSV' }, DATA)).toBeNull()
    expect(refuseFile('exportMap', { file: '/home/ada/map.json' }, DATA)).toBeNull()
    expect(refuseFile('importMap', { file: '/home/ada/kumu/elements.csv', connectionsFile: `${DATA}/identity.json` }, DATA)?.code).toBe('FORBIDDEN')
    expect(refuseFile('importMap', { file: '/home/ada/.ssh/id_ed25519' }, DATA)?.message).toBe('From the app, a map is imported from and exported to .json and .csv files only.')
    expect(refuseFile('exportMap', { file: 'map.json' }, DATA)?.message).toBe('Give the file as a full path.')
  })

  it('other operations are not its business', () => {
    expect(refuseFile('listSpaces', {}, DATA)).toBeNull()
  })
})
