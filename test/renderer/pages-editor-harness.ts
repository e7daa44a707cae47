/**
 * The page editor without a browser: its state bound to a page document in an in-memory repo,
 * and a stand-in for the view (what the plugins need of it: the state, dispatch, and the sync
 * plugin's subscription to the document). Typing goes through the input rules as a browser's
 * text input would; keys through the keymaps.
 */
import * as Automerge from '@automerge/automerge'
import { Repo, type DocHandle } from '@automerge/automerge-repo'
import type { EditorState, Plugin, Transaction } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { markdownToSpans, spansToMarkdown } from '../../shared/pages/markdown.ts'
import { PAGE_DOC_TYPE, type PageDoc } from '../../shared/schemas/page.ts'
import { applyFromDocument, pageEditorState } from '../../renderer/features/pages/editor/session.ts'
import type { ResolvePage } from '../../renderer/features/pages/editor/input-rules.ts'

export const KNOWN = { id: '4NMNnkMhL8jXrdJ9jamS58PAVdXu', title: 'Tool library' }
export const resolve: ResolvePage = (t) => (t.toLowerCase() === KNOWN.title.toLowerCase() || t === KNOWN.id ? KNOWN : null)

/** A page document holding `markdown`, in a repo of its own. */
export function pageHandle(markdown: string): DocHandle<PageDoc> {
  const repo = new Repo({ network: [] })
  const at = new Date(0).toISOString()
  const handle = repo.create<PageDoc>({
    schemaVersion: 1, type: PAGE_DOC_TYPE, space: 's1', title: 'Notes', tags: [], text: '', createdAt: at, createdBy: 'did:key:z6Mkada', updatedAt: at,
  })
  handle.change((d) => Automerge.updateSpans(d, ['text'], markdownToSpans(markdown, (t) => resolve(t))))
  return handle
}

/** The page's text as markdown, read from the document (not from the editor). */
export function markdownOf(handle: DocHandle<PageDoc>): string {
  return spansToMarkdown(Automerge.spans(handle.doc(), ['text']), (id) => (id === KNOWN.id ? KNOWN.title : null))
}

export interface Headless {
  view: EditorView
  type(text: string): void
  press(key: string, mods?: { shift?: boolean; mod?: boolean }): boolean
  run(command: (state: EditorState, dispatch?: (tr: Transaction) => void) => boolean): boolean
  destroy(): void
}

export function headlessEditor(handle: DocHandle<PageDoc>): Headless {
  const holder = {
    state: pageEditorState(handle, resolve),
    composing: false,
    dispatch(tr: Transaction) { holder.state = applyFromDocument(handle, holder.state, tr) },
    focus() {},
  }
  const view = holder as unknown as EditorView
  const views = holder.state.plugins.map((p) => p.spec.view?.(view)).filter((v) => v !== undefined)
  const rules = holder.state.plugins.find((p) => (p.spec as { isInputRules?: boolean }).isInputRules) as Plugin
  const keymaps = holder.state.plugins.filter((p) => p.props.handleKeyDown && !(p.spec as { isInputRules?: boolean }).isInputRules)
  return {
    view,
    type(text) {
      for (const ch of text) {
        const { from, to } = holder.state.selection
        const handled = rules.props.handleTextInput!.call(rules, view, from, to, ch, () => holder.state.tr.insertText(ch, from, to))
        if (!handled) holder.dispatch(holder.state.tr.insertText(ch, from, to))
      }
    },
    press(key, mods = {}) {
      const event = { key, shiftKey: !!mods.shift, ctrlKey: !!mods.mod, metaKey: false, altKey: false, keyCode: 0 } as KeyboardEvent
      return keymaps.some((p) => p.props.handleKeyDown!.call(p, view, event))
    },
    run: (command) => command(holder.state, holder.dispatch),
    destroy: () => { for (const v of views) v.destroy?.() },
  }
}
