/**
 * The rich-text schema of a page, shared by the editor (through @automerge/prosemirror) and the
 * markdown conversion, so both read and write the same blocks and marks. It is the package's
 * basic schema, with inline `code` kept in the document too (the basic schema leaves that mark
 * out of Automerge: code typed in the editor would not sync).
 */
import { basicSchemaAdapter, SchemaAdapter, type MappedSchemaSpec } from '@automerge/prosemirror'
import type { MarkSpec, NodeSpec } from 'prosemirror-model'

/** Names the adapter adds itself on construction. */
const ADDED = new Set(['unknownLeaf', 'unknownMark'])

function pageSpec(): MappedSchemaSpec {
  const base = basicSchemaAdapter.schema.spec
  const nodes: Record<string, NodeSpec> = {}
  base.nodes.forEach((name, spec) => { if (!ADDED.has(name)) nodes[name] = spec })
  const marks: Record<string, MarkSpec> = {}
  base.marks.forEach((name, spec) => {
    if (!ADDED.has(name)) marks[name] = name === 'code' ? { ...spec, automerge: { markName: 'code' } } : spec
  })
  return { nodes, marks } as MappedSchemaSpec
}

export const pageSchemaAdapter = new SchemaAdapter(pageSpec())
export const pageSchema = pageSchemaAdapter.schema
