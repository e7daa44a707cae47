/** Human and JSON renderings of command results, by operation. JSON is the result itself, one document. */
import type {
  AuditEntry, GrantResult, GrantSummary, InviteResult, PeerInfo, RelayStatus, RevocationResult, SpaceSummary, StatusInfo, WhoAmI,
} from '../../shared/api/peer-api.ts'
import type { ResourcePage } from '../../shared/api/resources-api.ts'
import type { BookingView, PoolView } from '../../shared/schemas/booking.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import { closedWords, decisionBlock, decisionLines, importedWords, proposed, stanceTaken } from './decision-output.ts'
import type { DecisionSummary, DecisionView, ImportDecisionsResult } from '../../shared/api/decisions-api.ts'
import { pageBlock, pageLines, pageSaved, pagesImported, pageVersionLines } from './page-output.ts'
import type { PageVersionView } from '../../shared/api/pages-api.ts'
import type { ImportPagesResult, PageList, PageView } from '../../shared/api/pages-api.ts'
import { booked, bookingLines, poolLines, resourceBlock, resourceLines } from './resource-output.ts'
import { exported, imported, inviteWords, leftWords, memberChanged, memberTable, renamed } from './member-output.ts'
import type { LeaveResult, MemberSummary, RenameResult } from '../../shared/api/members-api.ts'
import type { ExportResult, ImportResult } from '../../shared/api/backup-api.ts'
import { safeJson, safeValue } from './safe-text.ts'
import type { InitResult, OfflineWhoAmI } from './local-commands.ts'
import { initLines, offlineWhoAmI } from './local-output.ts'
import { auditLines, grantCreated, grantTable, revoked, spaceBlock, spaceList, whoAmI } from './grant-output.ts'
import { inParts, searchLines, type SearchAsked, type SearchResultInParts } from './search-output.ts'
import type { SearchResult } from '../../shared/api/pages-api.ts'
import { mapWords } from './map-output.ts'
import { insightWords } from './insight-output.ts'
import { agentWords } from './agent-output.ts'

/**
 * `op` is the operation's method name, or `init` for the one local command with output. Every
 * string of the result is neutralised before it is laid out (see safe-text.ts): the renderings
 * below never see raw text from others.
 */
export function printResult(op: string, result: unknown, json: boolean, asked?: unknown): void {
  // A search's snippets are cut at their marks before being neutralised (see search-output.ts).
  const shaped = op === 'search' ? inParts(result as SearchResult) : result
  process.stdout.write((json ? safeJson(result) : human(op, safeValue(shaped), safeValue(asked))) + '\n')
}

function human(command: string, r: unknown, asked: unknown): string {
  const words = mapWords(command, r) ?? insightWords(command, r) ?? agentWords(command, r, asked)
  if (words !== undefined) return words
  switch (command) {
    case 'search':
      return searchLines(r as SearchResultInParts, (asked ?? {}) as SearchAsked, process.stdout.isTTY === true && !process.env['NO_COLOR'])
    case 'init':
      return initLines(r as InitResult)
    case 'status': {
      const s = r as StatusInfo
      return [`${s.name}`, `  did:         ${s.did}`, `  peerId:      ${s.peerId}`, `  api:         ${s.api ?? '-'}`,
        `  mDNS:        ${s.mdns ? 'on' : 'off'}`, `  connections: ${s.connections}`, `  spaces:      ${s.spaces}`,
        `  documents:   ${s.documents}`,
        ...(s.damagedSpaces ? [`  damaged:     ${s.damagedSpaces} space${s.damagedSpaces === 1 ? '' : 's'} (served from the last valid state; "space list" says why)`] : []),
        ...(s.quarantined ? [`  quarantined: ${s.quarantined} item${s.quarantined === 1 ? '' : 's'} from peers that fail their schema`] : []),
        ...relayLines(s.relay),
        `  data:        ${s.dataDir}`, `  version:     ${s.version}`,
        `  listening:   ${s.addrs.join('\n               ') || '-'}`].join('\n')
    }
    case 'peers': {
      const ps = r as PeerInfo[]
      if (ps.length === 0) return 'No peers connected.'
      return ps.map((p) => `${p.name ?? (p.spaces.length > 0 ? '(no name on a roster here)' : '(not in your spaces)')}  ${p.peerId}  ${p.link.padEnd(6)} ${p.direction.padEnd(8)} ${p.addr}  since ${p.since}${p.spaces.length ? `  spaces: ${p.spaces.length}` : ''}`).join('\n')
    }
    case 'whoami':
      return (r as { running?: unknown }).running === false ? offlineWhoAmI(r as OfflineWhoAmI) : whoAmI(r as WhoAmI)
    case 'createSpace': case 'joinSpace': case 'acceptGrant':
      return spaceBlock(r as SpaceSummary)
    case 'listSpaces': {
      const ss = r as SpaceSummary[]
      if (ss.length === 0) return 'You are in no spaces yet. Create one with "commonweave space create NAME" or join with "commonweave join CODE".'
      return spaceList(ss)
    }
    case 'createInvite':
      return inviteWords(r as InviteResult)
    case 'listMembers':
      return memberTable(r as MemberSummary[])
    case 'setMemberRole': case 'removeMember':
      return memberChanged(r as MemberSummary)
    case 'leaveSpace':
      return leftWords(r as LeaveResult)
    case 'rename':
      return renamed(r as RenameResult)
    case 'exportSpace':
      return exported(r as ExportResult)
    case 'importSpace':
      return imported(r as ImportResult)
    case 'addResource':
      return `Added ${(r as ResourceView).kind} "${(r as ResourceView).title}" (${(r as ResourceView).id})`
    case 'listResources':
      return resourceLines(r as ResourcePage)
    case 'getResource': case 'editResource':
      return resourceBlock(r as ResourceView)
    case 'deleteResource':
      return `Deleted ${(r as { id: string }).id}`
    case 'createPool':
      return `Made pool "${(r as PoolView).name}" (${(r as PoolView).id})`
    case 'listPools':
      return poolLines(r as { items: PoolView[] })
    case 'book': case 'cancelBooking':
      return booked(r as BookingView)
    case 'listBookings':
      return bookingLines(r as { items: BookingView[] })
    case 'proposeDecision':
      return proposed(r as DecisionView)
    case 'listDecisions':
      return decisionLines(r as { items: DecisionSummary[] })
    case 'getDecision':
      return decisionBlock(r as DecisionView)
    case 'castStance':
      return stanceTaken(r as DecisionView)
    case 'closeDecision':
      return closedWords(r as DecisionView)
    case 'importDecisions':
      return importedWords(r as ImportDecisionsResult)
    case 'createPage':
      return pageSaved('Made', r as PageView)
    case 'editPage':
      return pageSaved('Saved', r as PageView)
    case 'listPages':
      return pageLines(r as PageList)
    case 'getPage':
      return pageBlock(r as PageView)
    case 'deletePage':
      return `Deleted page ${(r as { id: string }).id.slice(0, 8)}.`
    case 'importPages':
      return pagesImported(r as ImportPagesResult)
    case 'pageHistory':
      return pageVersionLines(r as { versions: PageVersionView[] })
    case 'restorePage':
      return pageSaved('Restored', r as PageView)
    case 'createGrant':
      return grantCreated(r as GrantResult)
    case 'listGrants':
      return grantTable(r as GrantSummary[])
    case 'revokeGrant':
      return revoked(r as RevocationResult)
    case 'audit':
      return auditLines(r as AuditEntry[])
    default:
      return JSON.stringify(r, null, 2)
  }
}

/** `status` on the relay: what a community peer does for members, or through whom a member is reachable. */
function relayLines(r: RelayStatus | undefined): string[] {
  if (!r) return []
  if (r.community) return [`  community:   this is the community peer; relaying for ${r.slots} member${r.slots === 1 ? '' : 's'} now`]
  if (r.via.length === 0) return []
  return [`  relay:       reachable through the community peer ${r.via.map((v) => v.name ?? v.peerId).join(', ')}`]
}
