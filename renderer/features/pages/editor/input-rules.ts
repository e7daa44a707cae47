/**
 * Markdown typed as you go: `# `…`### ` headings, `- ` or `* ` a bullet list, `1. ` a numbered
 * list, `> ` a quote, three backticks a code block, `**bold**`, `*italic*`, `` `code` ``, and
 * `[[Title]]` a link to the page of that title (or id), by id where one exists, else by title
 * (it resolves once a page of that title is made). Backspace right after undoes a rule.
 */
import { InputRule, inputRules, textblockTypeInputRule, wrappingInputRule } from 'prosemirror-inputrules'
import type { MarkType, Schema } from 'prosemirror-model'
import type { Plugin } from 'prosemirror-state'
import { pageHref, type LinkTarget } from '../../../../shared/pages/links.ts'

/** Finds the page a typed `[[target]]` names: its id and title, or null when none does (yet). */
export type ResolvePage = (target: string) => { id: string; title: string } | null

/** Wraps what sits between two delimiters in a mark, dropping the delimiters. */
function markRule(pattern: RegExp, type: MarkType): InputRule {
  return new InputRule(pattern, (state, match, start, end) => {
    const inner = match[1]!
    if (state.doc.resolve(start).parent.type.spec.code) return null
    const tr = state.tr.insertText(inner, start, end)
    tr.addMark(start, start + inner.length, type.create())
    tr.removeStoredMark(type)
    return tr
  })
}

/** The href and the text a typed `[[target]]` becomes. */
export function wikiLink(target: string, resolve: ResolvePage): { href: string; text: string } {
  const found = resolve(target)
  const to: LinkTarget = found ? { id: found.id } : { title: target }
  return { href: pageHref(to), text: found?.title ?? target }
}

function pageLinkRule(schema: Schema, resolve: ResolvePage): InputRule {
  return new InputRule(/\[\[([^[\]|\n]{1,200})\]\]$/, (state, match, start, end) => {
    const target = match[1]!.trim()
    if (target === '' || state.doc.resolve(start).parent.type.spec.code) return null
    const { href, text } = wikiLink(target, resolve)
    const link = schema.marks.link!
    const tr = state.tr.insertText(text, start, end)
    tr.addMark(start, start + text.length, link.create({ href, title: null }))
    tr.removeStoredMark(link)
    return tr
  })
}

export function markdownRules(schema: Schema, resolve: ResolvePage): Plugin {
  const { nodes, marks } = schema
  return inputRules({
    rules: [
      textblockTypeInputRule(/^(#{1,3})\s$/, nodes.heading!, (m) => ({ level: m[1]!.length })),
      wrappingInputRule(/^\s*>\s$/, nodes.blockquote!),
      wrappingInputRule(/^\s*([-*])\s$/, nodes.bullet_list!),
      wrappingInputRule(/^(\d+)\.\s$/, nodes.ordered_list!, (m) => ({ order: +m[1]! }),
        (m, node) => node.childCount + (node.attrs.order as number) === +m[1]!),
      textblockTypeInputRule(/^```$/, nodes.code_block!),
      pageLinkRule(schema, resolve),
      markRule(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*$/, marks.strong!),
      // One star, not the first half of a pair: `**bold*` is still on its way to bold.
      markRule(/(?<!\*)\*([^*\s](?:[^*]*[^*\s])?)\*$/, marks.em!),
      markRule(/`([^`]+)`$/, marks.code!),
    ],
  })
}
