/**
 * The rich-text schema of a page, shared by the editor (through @automerge/prosemirror) and the
 * markdown conversion, so both read and write the same blocks and marks. It is the package's
 * basic schema, with inline `code` kept in the document too (the basic schema leaves that mark
 * out of Automerge: code typed in the editor would not sync).
 */
import { basicSchemaAdapter, SchemaAdapter, type MappedSchemaSpec } from '@automerge/prosemirror'
import type { MarkSpec, NodeSpec } from 'prosemirror-model'
import { isSafeHref } from './links.ts'

/** Names the adapter adds itself on construction. */
const ADDED = new Set(['unknownLeaf', 'unknownMark'])

function pageSpec(): MappedSchemaSpec {
  const base = basicSchemaAdapter.schema.spec
  const nodes: Record<string, NodeSpec> = {}
  base.nodes.forEach((name, spec) => {
    if (ADDED.has(name)) return
    // An image shows only from the web (and then only where the CSP lets it): never a local file or a script.
    nodes[name] = name !== 'image' ? spec : {
      ...spec, toDOM: (node) => ['img', { src: /^https?:\/\//i.test(String(node.attrs['src'] ?? '')) ? node.attrs['src'] : '', alt: node.attrs['alt'], title: node.attrs['title'] }],
    }
  })
  const marks: Record<string, MarkSpec> = {}
  base.marks.forEach((name, spec) => {
    if (ADDED.has(name)) return
    if (name === 'code') marks[name] = { ...spec, automerge: { markName: 'code' } }
    // A link written by a peer leads only to the web, mail or a page: `javascript:` and the like are no links.
    else if (name === 'link') marks[name] = { ...spec, toDOM: (mark) => ['a', { href: isSafeHref(String(mark.attrs['href'] ?? '')) ? mark.attrs['href'] : null, title: mark.attrs['title'] }, 0] }
    else marks[name] = spec
  })
  return { nodes, marks } as MappedSchemaSpec
}

export const pageSchemaAdapter = new SchemaAdapter(pageSpec())
export const pageSchema = pageSchemaAdapter.schema
