/**
 * The editor's state bound to a page's live document: `@automerge/prosemirror`'s sync plugin
 * (the page schema's adapter, so inline code and links round-trip with markdown), markdown
 * shortcuts, keys and undo history. What is typed goes into the document at once; what
 * arrives in the document (from another window or peer) comes into the editor.
 */
import { ImmutableString, spans } from '@automerge/automerge/slim'
import { init, pmDocFromSpans, type DocHandle } from '@automerge/prosemirror'
import { history } from 'prosemirror-history'
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state'
import type { Slice } from 'prosemirror-model'
import { pageSchemaAdapter } from '../../../../shared/pages/schema.ts'
import { PAGE_TEXT_FIELD } from '../../../../shared/schemas/page.ts'
import type { LiveDoc } from '../live-doc.ts'
import { markdownRules, type ResolvePage } from './input-rules.ts'
import { editorKeys } from './keys.ts'

/**
 * The most one paste may bring. Past a couple of hundred paragraphs at once, the change tracking
 * inside @automerge/prosemirror 0.2.0 (prosemirror-changeset) fails and the editor loses step
 * with the page (measured here: 150 paragraphs pass, 200 fail); long text goes in with
 * `page edit --append --file` or `page import`.
 */
export const MAX_PASTE_BLOCKS = 100
export const MAX_PASTE_CHARS = 20_000

/** Why a paste is refused, in words, or null when it may go in. */
export function pasteTooLong(slice: Slice): string | null {
  let blocks = 0
  slice.content.descendants((n) => { if (n.isTextblock) blocks++ })
  const chars = slice.content.textBetween(0, slice.content.size, '\n').length
  if (blocks <= MAX_PASTE_BLOCKS && chars <= MAX_PASTE_CHARS) return null
  return `That paste is too long to add in one go (${blocks.toLocaleString('en')} paragraphs, ${chars.toLocaleString('en')} characters; at most ${MAX_PASTE_BLOCKS} paragraphs and ${MAX_PASTE_CHARS.toLocaleString('en')} characters). Paste it in parts, or add it with "commonweave page edit SPACE PAGE --append --file FILE".`
}

/** How often at most this window stamps `updatedAt` on a page it edits (a small change each). */
export const STAMP_EVERY_MS = 10_000

export function pageEditorState(handle: LiveDoc, resolve: ResolvePage): EditorState {
  const { schema, pmDoc, plugin } = init(handle as unknown as DocHandle<unknown>, [PAGE_TEXT_FIELD], { schemaAdapter: pageSchemaAdapter })
  return EditorState.create({
    schema,
    doc: pmDoc,
    // Input rules before the keys: Backspace right after a shortcut undoes it.
    plugins: [plugin, markdownRules(schema, resolve), ...editorKeys(schema), history()],
  })
}

/** A change typed here (not one arriving from the document: the sync plugin keeps those out of undo). */
export function isLocalEdit(tr: Transaction): boolean {
  return tr.docChanged && tr.getMeta('addToHistory') !== false
}

/**
 * What the editor shows after a transaction: `tr` applied (the cursor kept, see
 * `applyKeepingCursor`), and after a change that arrived from the document, checked against
 * the document itself. @automerge/prosemirror 0.2.0 turns some patches into a wrong edit (a
 * restore or a whole-text replace that removes several blocks at once leaves stray text); where
 * the editor and the document differ, the differing part is taken from the document. This runs
 * inside the sync plugin's own dispatch, so the correction is not written back as an edit.
 * Rebuilding the page from the document costs ~1.5 ms per KB of text, so it is done only after a
 * change to blocks; text typed or marked inside one block (what others typing sends) is trusted.
 */
export function applyFromDocument(handle: LiveDoc, state: EditorState, tr: Transaction): EditorState {
  const next = applyKeepingCursor(state, tr)
  if (isLocalEdit(tr) || !tr.docChanged || !changesBlocks(tr)) return next
  const truth = pmDocFromSpans(pageSchemaAdapter, spans(handle.doc(), [PAGE_TEXT_FIELD]))
  const start = next.doc.content.findDiffStart(truth.content)
  if (start === null) return next
  const end = next.doc.content.findDiffEnd(truth.content)!
  // The end positions, in each document, of the part that differs (they may overlap the start).
  const overlap = Math.max(0, start - Math.min(end.a, end.b))
  const fix = next.tr.replace(start, end.a + overlap, truth.slice(start, end.b + overlap)).setMeta('addToHistory', false)
  // The selection is mapped through the correction (a fix before the cursor moves it along).
  return next.apply(fix.setStoredMarks(next.storedMarks))
}

/** Whether a transaction does more than change text and marks inside single blocks. */
export function changesBlocks(tr: Transaction): boolean {
  return tr.steps.some((step, i) => {
    // By the step's JSON name: prosemirror-transform is not a dependency of its own here.
    const kind = (step.toJSON() as { stepType?: string }).stepType
    if (kind === 'addMark' || kind === 'removeMark') return false
    if (kind !== 'replace') return true
    const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice }
    if (slice.openStart !== 0 || slice.openEnd !== 0) return true
    let inline = true
    slice.content.forEach((n) => { if (!n.isInline) inline = false })
    const doc = tr.docs[i]!
    const $from = doc.resolve(from)
    return !inline || !$from.parent.isTextblock || !$from.sameParent(doc.resolve(to))
  })
}

/**
 * Applies a transaction to the editor's state. Text arriving from elsewhere right at the cursor
 * goes after it, not before: the cursor stays after what this writer typed last, so two people
 * typing at the same place each keep their words whole (else each key would land after the
 * other's latest, and the words would interleave letter by letter).
 */
export function applyKeepingCursor(state: EditorState, tr: Transaction): EditorState {
  const next = state.apply(tr)
  if (isLocalEdit(tr) || !tr.docChanged || !state.selection.empty) return next
  // Only where the cursor's place survived the change: text replaced around it (a restore, a
  // whole-text edit) leaves the cursor where the default mapping puts it, never at the page's top.
  const mapped = tr.mapping.mapResult(state.selection.head, -1)
  if (mapped.deleted || mapped.deletedBefore || mapped.deletedAfter || mapped.deletedAcross) return next
  const head = mapped.pos
  if (head === next.selection.head) return next
  return next.apply(next.tr.setSelection(TextSelection.near(next.doc.resolve(head))).setStoredMarks(next.storedMarks).setMeta('addToHistory', false))
}

/** Stamps `updatedAt` when called, at most once every `every` ms: lists sort by it. (One value, like the peer writes it: see PageDoc.) */
export function stamper(handle: LiveDoc, every = STAMP_EVERY_MS, now: () => number = Date.now): () => void {
  let last = -Infinity
  return () => {
    const t = now()
    if (t - last < every) return
    last = t
    handle.change((d) => { d.updatedAt = new ImmutableString(new Date(t).toISOString()) as unknown as string })
  }
}
