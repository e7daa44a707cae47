/** Handlers of the knowledge pages feature. */
import { CommonweaveError, ErrorCode } from '../../../../shared/errors.ts'
import type { Pages } from '../../domain/pages.ts'
import { importPages } from '../../domain/page-import.ts'
import type { Handlers } from '../call.ts'

type PageOps = 'createPage' | 'listPages' | 'getPage' | 'editPage' | 'deletePage' | 'importPages' | 'pageHistory' | 'restorePage'

export function pageHandlers(d: { pages: Pages; dataDir: string }): Pick<Handlers, PageOps> {
  return {
    // An agent's page is shown as made by the agent (its did), as its map nodes are.
    createPage: async (ctx, { spaceId, ...rest }) => d.pages.create(spaceId, rest, ...(ctx.principal.kind === 'agent' ? [ctx.principal.did] : [])),
    listPages: async (_ctx, { spaceId, tag }) => d.pages.list(spaceId, tag),
    getPage: async (_ctx, { spaceId, pageId, at }) => d.pages.get(spaceId, pageId, at),
    pageHistory: async (_ctx, { spaceId, pageId }) => d.pages.history(spaceId, pageId),
    restorePage: async (_ctx, { spaceId, pageId, version }) => d.pages.restore(spaceId, pageId, version),
    editPage: async (_ctx, { spaceId, pageId, ...rest }) => d.pages.edit(spaceId, pageId, rest),
    deletePage: async (_ctx, { spaceId, pageId }) => d.pages.delete(spaceId, pageId),
    // Reading files from the owner's disk is the owner's to do: never an agent's.
    importPages: async (ctx, { spaceId, ...rest }) => {
      if (ctx.principal.kind === 'agent') throw new CommonweaveError(ErrorCode.Forbidden, `${ctx.principal.name} is an agent: it may not read folders on this machine.`)
      return importPages(d.pages, spaceId, rest, d.dataDir)
    },
  }
}
