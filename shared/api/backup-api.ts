/** The backup feature of `PeerApi`: a whole space to one file and back (DESIGN.md, "Storage and durability"). */
import type { SpaceId } from '../ids.ts'
import type { InSpace } from './resources-api.ts'

export interface ExportSpaceInput extends InSpace {
  /** Where to write the file: an absolute path on the peer's machine. An existing file is replaced only with `overwrite`. */
  file: string
  overwrite?: boolean
}
export interface ExportResult { file: string; spaceId: SpaceId; name: string; documents: number; items: number; bytes: number }

export interface ImportSpaceInput {
  /** An absolute path on the peer's machine. */
  file: string
}
export interface ImportResult {
  spaceId: SpaceId
  name: string
  documents: number
  /** Documents that were already here and took the file's changes in (a restore over a space still here). */
  merged: number
  /**
   * Whether this peer stands in the space (its founder or a member by its grants): restored under
   * the same identity the space is whole again; otherwise it is a local copy the grants inside decide about.
   */
  member: boolean
}

export interface BackupApi {
  /** Writes a whole space to one file: a manifest, every document's Automerge binary, and a readable JSON view of every item. */
  exportSpace(input: ExportSpaceInput): Promise<ExportResult>
  /** Restores a space from an export file: the whole file is checked before anything is written. */
  importSpace(input: ImportSpaceInput): Promise<ImportResult>
}
