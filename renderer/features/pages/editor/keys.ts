/**
 * Keyboard shortcuts: Mod-b bold, Mod-i italic, Mod-e or Mod-` inline code, Mod-z undo,
 * Mod-Shift-z or Mod-y redo, Mod-Alt-0…3 paragraph and headings; in lists Enter makes the next
 * item and Tab / Shift-Tab nest and unnest (elsewhere Tab leaves the editor, as keyboard users
 * expect); Shift-Enter a new line in a code block, else a new paragraph; Backspace right after a
 * markdown shortcut undoes it.
 */
import { baseKeymap, chainCommands, exitCode, newlineInCode, splitBlock } from 'prosemirror-commands'
import { undoInputRule } from 'prosemirror-inputrules'
import { keymap } from 'prosemirror-keymap'
import type { Schema } from 'prosemirror-model'
import { liftListItem, sinkListItem, splitListItem } from 'prosemirror-schema-list'
import type { Plugin } from 'prosemirror-state'
import { commandFor } from './commands.ts'

export function editorKeys(schema: Schema): Plugin[] {
  const item = schema.nodes.list_item!
  const tool = (t: Parameters<typeof commandFor>[1]) => commandFor(schema, t)
  return [
    keymap({
      'Mod-b': tool('strong'),
      'Mod-i': tool('em'),
      'Mod-e': tool('code'),
      'Mod-`': tool('code'),
      'Mod-z': tool('undo'),
      'Mod-Shift-z': tool('redo'),
      'Mod-y': tool('redo'),
      'Mod-Alt-0': tool('paragraph'),
      'Mod-Alt-1': tool('h1'),
      'Mod-Alt-2': tool('h2'),
      'Mod-Alt-3': tool('h3'),
      Enter: splitListItem(item),
      'Shift-Enter': chainCommands(newlineInCode, splitBlock),
      'Mod-Enter': exitCode,
      Tab: sinkListItem(item),
      'Shift-Tab': liftListItem(item),
      Backspace: undoInputRule,
    }),
    keymap(baseKeymap),
  ]
}
