/**
 * Brings a co-op's decisions over from Loomio: the closed proposals of a Loomio group export
 * (shared/decisions/loomio.ts reads it) become decisions of a space, each signed by the member
 * who imports it and marked imported, with Loomio's stances, reasons and outcome inside.
 *
 * Invariants:
 * - the whole file is read and every decision built and checked before the first is written:
 *   a file that is not a Loomio export changes nothing;
 * - a poll imported before into this space is skipped, so importing the same export twice, or a
 *   newer one, adds only what is new;
 * - only members import (a guest's grant lets it read or write, not speak for the space).
 */
import { randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { toBase64Url } from '../../../shared/base64url.ts'
import { decisions } from '../../../shared/collections/decisions.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import { LoomioFormatError, readLoomioExport, type LoomioProposal } from '../../../shared/decisions/loomio.ts'
import { proposalBytes, proposalId } from '../../../shared/decisions/signing.ts'
import type { ImportDecisionsResult } from '../../../shared/api/decisions-api.ts'
import { STEERING_CHARS } from '../../../shared/schemas/text.ts'
import { ImportDecisionsInputSchema, ProposalSchema, type DecisionItem, type Proposal } from '../../../shared/schemas/decision.ts'
import { validated } from '../../../shared/validate.ts'
import type { CollectionStore } from './collection-store.ts'

/** Larger exports are refused: a group's whole history (comments, notifications) rarely comes near. */
const MAX_FILE_BYTES = 256 * 1024 * 1024

export interface DecisionImportDeps {
  store: CollectionStore
  me: Did
  now: () => number
  crypto: GrantCrypto
  sign: (bytes: Uint8Array) => Promise<Uint8Array>
  /** Whether this peer holds the space's roster (is a member). */
  isMember: (spaceId: SpaceId) => boolean
}

/** At most `max` characters, one line where a title is concerned, with nothing that steers a terminal. */
function cut(text: string, max: number, oneLine = false): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = (oneLine ? text.replace(/\s+/g, ' ') : text).replace(oneLine ? STEERING_CHARS : /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim()
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`
}

/** Why a file could not be opened, in words: not there, not this user's to read, or another error by its code. */
function unreadable(file: string, err: NodeJS.ErrnoException): CommonweaveError {
  if (err.code === 'ENOENT') return new CommonweaveError(ErrorCode.NotFound, `There is no file ${file}.`)
  if (err.code === 'EACCES' || err.code === 'EPERM') return new CommonweaveError(ErrorCode.Forbidden, `${file} cannot be read by the user the peer runs as; check its permissions.`)
  return new CommonweaveError(ErrorCode.ValidationFailed, `${file} cannot be read (${err.code ?? String(err)}); nothing was imported.`)
}

export class DecisionImport {
  readonly #d: DecisionImportDeps

  constructor(deps: DecisionImportDeps) {
    this.#d = deps
  }

  async fromLoomio(spaceId: SpaceId, input: unknown): Promise<ImportDecisionsResult> {
    const { file } = validated(ImportDecisionsInputSchema, input)
    if (!this.#d.isMember(spaceId)) throw new CommonweaveError(ErrorCode.Forbidden, 'Only members of the space can import its decisions.')
    const name = basename(file)
    const info = await stat(file).catch((err: NodeJS.ErrnoException) => { throw unreadable(file, err) })
    if (!info.isFile()) throw new CommonweaveError(ErrorCode.ValidationFailed, `${file} is not a file.`)
    if (info.size > MAX_FILE_BYTES) throw new CommonweaveError(ErrorCode.ValidationFailed, `${name} is larger than 256 MiB; nothing was imported.`)
    let read
    try {
      read = readLoomioExport(await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => { throw unreadable(file, err) }), this.#d.now())
    } catch (err) {
      if (err instanceof LoomioFormatError) throw new CommonweaveError(ErrorCode.ValidationFailed, `${name} cannot be imported: ${err.message} Nothing was imported.`)
      throw err
    }
    const { items: held } = await this.#d.store.list<DecisionItem>(spaceId, decisions.name, { includeDeleted: true })
    const before = new Set(held.flatMap((i) => (i.type === 'proposal' && i.imported ? [i.imported.id] : [])))
    const skipped = [...read.skipped]
    const made: Proposal[] = []
    for (const l of read.proposals) {
      if (before.has(l.id)) skipped.push({ id: l.id, title: l.title, reason: 'imported before' })
      else made.push(await this.#proposal(spaceId, l))
    }
    for (const p of made) await this.#d.store.put(spaceId, decisions.name, p)
    return { imported: made.map((p) => ({ id: p.id, title: p.title })), skipped }
  }

  async #proposal(spaceId: SpaceId, l: LoomioProposal): Promise<Proposal> {
    const content = {
      nonce: toBase64Url(randomBytes(16)), title: cut(l.title, 200, true) || `Loomio proposal ${l.id}`, details: cut(l.details, 10_000), process: l.process,
      closesAt: l.closedAt, ...(l.quorum !== undefined ? { quorum: l.quorum } : {}), eligible: [], author: this.#d.me as string, createdAt: l.createdAt,
      imported: {
        from: 'loomio' as const, id: l.id, authorName: cut(l.authorName, 200, true), eligible: l.eligible,
        stances: l.stances.map((s) => ({ voter: s.voter, name: cut(s.name, 200, true), choice: s.choice, reason: cut(s.reason, 2000), castAt: s.castAt })),
        ...(l.outcome ? { outcome: { statement: cut(l.outcome.statement, 5000), byName: cut(l.outcome.byName, 200, true), at: l.outcome.at } } : {}),
      },
    }
    const at = new Date(this.#d.now()).toISOString()
    const proposal = {
      ...content, id: proposalId(spaceId, content, this.#d.crypto.sha256), type: 'proposal' as const,
      signature: toBase64Url(await this.#d.sign(proposalBytes(spaceId, content))), updatedAt: at,
    }
    // Checked as any peer will check it: what does not fit is found before anything is written.
    const checked = ProposalSchema.safeParse(proposal)
    if (!checked.success) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `Loomio proposal ${l.id} (“${content.title}”) does not fit a decision here: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}. Nothing was imported.`)
    }
    return proposal
  }
}
