/**
 * Knowledge pages (DESIGN.md "Knowledge"): what a member submits (create, edit) and what a page
 * document holds. Unlike the other collections, each page is an Automerge document of its own
 * (text-heavy, shared one by one: a guest may be granted one page by its document id), and its
 * body is Automerge rich text: a string field with block markers (paragraph, heading, list
 * items, code block, blockquote) and marks (strong, em, code, link), the format
 * `@automerge/prosemirror` edits. A page's id is its document id.
 */
import { z } from 'zod'
import { absolutePath } from './file-path.ts'
import { lineText, visibleText } from './text.ts'

export const PAGE_DOC_TYPE = 'commonweave/page'
export const PAGE_SCHEMA_VERSION = 1
/** The field of a page document holding its rich text (what `init(handle, [PAGE_TEXT_FIELD])` binds). */
export const PAGE_TEXT_FIELD = 'text'
export const MAX_PAGE_TITLE = 200
export const MAX_PAGE_TAGS = 20
/** Markdown a single create or edit may carry (a long handbook chapter fits). */
export const MAX_PAGE_MARKDOWN = 500_000

/**
 * A page document as stored. `text` is collaborative rich text (concurrent edits merge
 * character by character). Every other string (title, tags, times, ids) is stored as one value
 * (an Automerge `ImmutableString`: the last write wins, so two renames made apart never splice
 * into one title): read them with `String(…)`. The times are ISO 8601 with a zone. A deleted
 * page is a tombstone (`deleted: true`) that syncs; its text stays in the document's history.
 */
export interface PageDoc {
  schemaVersion: number
  type: typeof PAGE_DOC_TYPE
  /** The space it belongs to (its index lists it under `pages`). */
  space: string
  title: string
  tags: string[]
  text: string
  createdAt: string
  createdBy: string
  /** When its title, tags or text last changed here, as far as the writer stamped it. */
  updatedAt: string
  deleted?: boolean
}

/** The parts of a page document checked when one arrives from a peer (the text is checked by reading its spans). */
/** A time a page document holds: ISO 8601 with a zone (a writer cannot pin its page first with "9999"). */
const PAGE_TIME = z.iso.datetime({ offset: true }).refine((t) => t.slice(0, 4) >= '2020' && t.slice(0, 4) <= '2200', 'not a plausible time')

export const PageDocHeadSchema = z.object({
  schemaVersion: z.number().int().min(1),
  type: z.literal(PAGE_DOC_TYPE),
  space: z.string().max(200),
  title: z.string().max(10 * MAX_PAGE_TITLE),
  tags: z.array(z.string().max(200)).max(10 * MAX_PAGE_TAGS),
  createdAt: PAGE_TIME,
  createdBy: z.string().max(200),
  updatedAt: PAGE_TIME,
  deleted: z.boolean().optional(),
})

const tag = lineText('a tag', 60).min(1, 'a tag is not empty').transform((t) => t.toLowerCase())
const tags = z.array(tag, { error: 'tags are a list of words' }).max(MAX_PAGE_TAGS, `a page has at most ${MAX_PAGE_TAGS} tags`)
  .transform((list) => [...new Set(list)])
const markdown = (field: string) => z.string({ error: `${field} must be text (markdown)` }).max(MAX_PAGE_MARKDOWN, `${field} is at most ${MAX_PAGE_MARKDOWN.toLocaleString('en')} characters`)

/** What a member submits to make a page (API body; the CLI's `page create`: `--text` or `--file` fill `markdown`). */
export const CreatePageInputSchema = z.strictObject({
  title: visibleText('title', MAX_PAGE_TITLE),
  tags: tags.optional(),
  markdown: markdown('markdown').optional(),
})
export type CreatePageInput = z.infer<typeof CreatePageInputSchema>

/** What a member submits to change a page: its whole text (`markdown`), or text added at its end (`append`), its title, its tags. */
export const EditPageInputSchema = z.strictObject({
  title: visibleText('title', MAX_PAGE_TITLE).optional(),
  tags: tags.optional(),
  markdown: markdown('markdown').optional(),
  append: markdown('append').optional(),
}).refine((e) => !(e.markdown !== undefined && e.append !== undefined), 'give the new whole text (markdown: --text or --file) or text to add at the end (append: --append), not both')
  .refine((e) => e.title !== undefined || e.tags !== undefined || e.markdown !== undefined || e.append !== undefined, 'nothing to change: give a new title, tags, the whole text (markdown: --text or --file) or text to add (append: --append)')
export type EditPageInput = z.infer<typeof EditPageInputSchema>

/** Pages of a space, filtered by tag. */
export const ListPagesQuerySchema = z.strictObject({ tag: tag.optional() })

/** A folder of markdown files to make pages of (one page per `.md` file; the title from its first heading or its file name). */
export const ImportPagesInputSchema = z.strictObject({
  dir: absolutePath('dir'),
  tags: tags.optional(),
})
export type ImportPagesInput = z.infer<typeof ImportPagesInputSchema>
