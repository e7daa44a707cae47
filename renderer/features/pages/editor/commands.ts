/**
 * What the toolbar and the keyboard do to the text, and whether each is in effect where the
 * cursor is (the toolbar's pressed state). Pure over ProseMirror state: the same functions
 * serve the buttons, the shortcuts and the tests.
 */
import { lift, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands'
import { redo, undo } from 'prosemirror-history'
import type { MarkType, NodeType, Schema } from 'prosemirror-model'
import { liftListItem, wrapInList } from 'prosemirror-schema-list'
import type { Command, EditorState } from 'prosemirror-state'

export type Tool =
  | 'strong' | 'em' | 'code'
  | 'h1' | 'h2' | 'h3' | 'paragraph'
  | 'bullet_list' | 'ordered_list' | 'blockquote' | 'code_block'
  | 'undo' | 'redo'

/** Whether a mark is on the selection (or will be on what is typed next at the cursor). */
export function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection
  if (empty) return type.isInSet(state.storedMarks ?? $from.marks()) !== undefined
  return state.doc.rangeHasMark(from, to, type)
}

/** The nearest block around the cursor of one of these types (lists, quotes), or null. */
export function ancestor(state: EditorState, type: NodeType): { depth: number } | null {
  const { $from } = state.selection
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === type) return { depth: d }
  return null
}

/** The innermost list around the cursor (its type and where it starts), if any. */
function innermostListAt(state: EditorState): { type: NodeType; pos: number } | null {
  const { $from } = state.selection
  const { bullet_list, ordered_list } = state.schema.nodes
  for (let d = $from.depth; d > 0; d--) {
    const t = $from.node(d).type
    if (t === bullet_list || t === ordered_list) return { type: t, pos: $from.before(d) }
  }
  return null
}

function innermostList(state: EditorState): NodeType | null {
  return innermostListAt(state)?.type ?? null
}

function headingLevel(tool: Tool): number | null {
  return tool === 'h1' ? 1 : tool === 'h2' ? 2 : tool === 'h3' ? 3 : null
}

/** Whether a tool is in effect at the cursor (its button shows pressed). */
export function isActive(state: EditorState, tool: Tool): boolean {
  const { marks, nodes } = state.schema
  const parent = state.selection.$from.parent
  switch (tool) {
    case 'strong': case 'em': case 'code':
      return markActive(state, marks[tool]!)
    case 'h1': case 'h2': case 'h3':
      return parent.type === nodes.heading && parent.attrs.level === headingLevel(tool)
    case 'paragraph':
      return parent.type === nodes.paragraph && innermostList(state) === null && ancestor(state, nodes.blockquote!) === null
    case 'bullet_list': case 'ordered_list':
      return innermostList(state) === nodes[tool]
    case 'blockquote':
      return ancestor(state, nodes.blockquote!) !== null
    case 'code_block':
      return parent.type === nodes.code_block
    default:
      return false
  }
}

/** The command a tool runs: a second press on a block tool in effect turns it back into a paragraph (or unwraps). */
export function commandFor(schema: Schema, tool: Tool): Command {
  const { marks, nodes } = schema
  const paragraph = setBlockType(nodes.paragraph!)
  switch (tool) {
    case 'strong': case 'em': case 'code':
      return toggleMark(marks[tool]!)
    case 'h1': case 'h2': case 'h3': {
      const level = headingLevel(tool)!
      const heading = setBlockType(nodes.heading!, { level })
      return (state, dispatch, view) => (isActive(state, tool) ? paragraph : heading)(state, dispatch, view)
    }
    case 'paragraph':
      return paragraph
    case 'code_block':
      return (state, dispatch, view) => (isActive(state, tool) ? paragraph : setBlockType(nodes.code_block!))(state, dispatch, view)
    case 'bullet_list': case 'ordered_list': {
      const type = nodes[tool]!
      return (state, dispatch, view) => {
        const list = innermostListAt(state)
        if (list?.type === type) return liftListItem(nodes.list_item!)(state, dispatch, view)
        // In the other kind of list: that list becomes this kind.
        if (list) {
          dispatch?.(state.tr.setNodeMarkup(list.pos, type))
          return true
        }
        return wrapInList(type)(state, dispatch, view)
      }
    }
    case 'blockquote':
      return (state, dispatch, view) => (isActive(state, tool) ? lift : wrapIn(nodes.blockquote!))(state, dispatch, view)
    case 'undo':
      return undo
    case 'redo':
      return redo
  }
}

/** Puts a link on the selection; with nothing selected, inserts `text` linked. */
export function insertLink(href: string, text: string): Command {
  return (state, dispatch) => {
    const link = state.schema.marks.link!
    if (state.selection.$from.parent.type.spec.code) return false
    if (!dispatch) return true
    const { from, to, empty } = state.selection
    const tr = state.tr
    if (empty) {
      tr.insertText(text, from)
      tr.addMark(from, from + text.length, link.create({ href, title: null }))
    } else {
      tr.removeMark(from, to, link)
      tr.addMark(from, to, link.create({ href, title: null }))
    }
    dispatch(tr.scrollIntoView())
    return true
  }
}

/** The link at the cursor (its href and where it runs), or null. */
export function linkAt(state: EditorState): { href: string; from: number; to: number } | null {
  const link = state.schema.marks.link!
  const { $from } = state.selection
  const mark = link.isInSet($from.marks()) ?? link.isInSet($from.nodeAfter?.marks ?? [])
  if (!mark) return null
  // The run of text carrying this very mark around the cursor.
  const start = $from.start()
  let runFrom = -1
  let runTo = -1
  let found: { from: number; to: number } | null = null
  $from.parent.forEach((child, offset) => {
    const at = start + offset
    if (!mark.isInSet(child.marks)) return
    if (runTo !== at) runFrom = at
    runTo = at + child.nodeSize
    if (runFrom <= $from.pos && $from.pos <= runTo) found = { from: runFrom, to: runTo }
  })
  return found === null ? null : { href: String(mark.attrs.href), ...(found as { from: number; to: number }) }
}
