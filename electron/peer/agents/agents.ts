/**
 * Agents (DESIGN.md "Agents"): an AI assistant or outside system as a principal of its own.
 * Each has its own Ed25519 key made here (its did:key is the audience of its grant), a grant
 * from this peer's member issued like any other (so it sits in the space's authority document
 * and every peer's consent judges it), and a 256-bit API token bound to it.
 *
 * Invariants:
 * - the key's seed and the token never appear in an answer, except the token once, in `add`;
 * - an agent's grant names collections of the registry, a purpose an agent acts under, and at
 *   most 24 h; the member's own chain must cover it (GrantService refuses otherwise, in words);
 * - one grant is in force at a time: a renewal revokes the one before, the token stays;
 * - a revoked agent is never renewed; its name may be given to a new agent, and the revoked one
 *   stays listed beside it (its calls in the audit and what it made are still its own).
 */
import { randomBytes } from 'node:crypto'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { AddAgentInput, AgentRef, AgentResult, AgentStatus, AgentSummary, RenewAgentInput } from '../../../shared/api/agents-api.ts'
import { MAX_AGENT_SECONDS } from '../../../shared/api/ops/agents.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import type { Consent } from '../consent/consent.ts'
import type { AuditLog } from '../consent/audit-log.ts'
import type { GrantService } from '../domain/grant-service.ts'
import { OneAtATime } from '../../../shared/one-at-a-time.ts'
import type { Logger } from '../log.ts'
import { AGENT_PURPOSE_IDS, isAgentPurpose, purposeCollectionsWords, purposeWrites, unusedCollections } from './agent-purposes.ts'
import { andList } from '../../../shared/and-list.ts'
import { AgentCalls, type AgentBinder, type AgentCaller } from './agent-calls.ts'
import { AgentStore, type AgentRecord } from './agent-store.ts'

export interface AgentsDeps {
  dataDir: string
  grants: Pick<GrantService, 'create' | 'revokeAll'>
  consent: Pick<Consent, 'index' | 'grantById' | 'spaces'>
  /** The collections of the registry: what an agent's grant may name. */
  collections: () => string[]
  audit: Pick<AuditLog, 'record'>
  /** A member's name on the space's roster, where this peer holds it. */
  nameOf: (spaceId: SpaceId, did: Did) => string | null
  log: Logger
  now: () => number
}

/** Why an agent's grant no longer stands: when, and by whom for a revocation. */
interface Ended { status: Exclude<AgentStatus, 'active'>; at: string; by?: Did; byName?: string | null }

export class Agents {
  readonly #d: AgentsDeps
  readonly #store: AgentStore
  readonly #calls: AgentCalls
  /** Adds, renewals and revocations run one at a time: two adds of one name never both pass the check. */
  readonly #changes = new OneAtATime()

  private constructor(deps: AgentsDeps, store: AgentStore) {
    this.#d = deps
    this.#store = store
    this.#calls = new AgentCalls({ store, audit: deps.audit, now: deps.now, log: deps.log })
  }

  static async open(deps: AgentsDeps): Promise<Agents> {
    return new Agents(deps, await AgentStore.open(deps.dataDir, deps.log))
  }

  /** Where agents' calls go: the API bound to an agent in its own space (`bindApi` with the peer's handlers and the one check). */
  serve(bind: AgentBinder): void {
    this.#calls.serve(bind)
  }

  /** The caller an API token belongs to, when it is an agent's. */
  byToken(token: string): AgentCaller | undefined {
    return this.#calls.byToken(token)
  }

  /** Keeps the counts of calls: written now, as the peer stops. */
  close(): Promise<void> {
    return this.#calls.close()
  }

  add(input: AddAgentInput): Promise<AgentResult> {
    return this.#changes.run(() => this.#add(input))
  }

  renew(input: RenewAgentInput): Promise<AgentSummary> {
    return this.#changes.run(() => this.#renew(input))
  }

  /** Revokes an agent's grants; one revoked before is left as it was, and said so (`alreadyRevoked`). */
  revoke(input: AgentRef): Promise<AgentSummary> {
    return this.#changes.run(async () => {
      const agent = this.#agent(input)
      if (this.#ended(agent)?.status === 'revoked') return { ...this.#summary(agent), alreadyRevoked: true }
      await this.#d.grants.revokeAll(agent.spaceId, agent.grantIds)
      return this.#summary(agent)
    })
  }

  async #add(input: AddAgentInput): Promise<AgentResult> {
    const name = input.name.trim()
    const spaceId = input.spaceId
    const known = this.#store.find(name)
    if (known && this.#ended(known)?.status !== 'revoked') {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `An agent named "${known.name}" is already on this peer (in ${this.#spaceName(known.spaceId)}). Choose another name, or revoke it first.`)
    }
    const docs = this.#checkDocs(input.docs)
    const purpose = input.purpose.trim()
    if (!isAgentPurpose(purpose)) {
      throw new CommonweaveError(ErrorCode.PurposeUnknown, `An agent cannot act "for ${purpose}": its purpose is one of ${andList([...AGENT_PURPOSE_IDS])} (agent-assist for an assistant).`)
    }
    if (input.write === true && !purposeWrites(purpose)) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `An agent for ${purpose} only reads: leave out --write, or give it the purpose agent-assist.`)
    }
    // A collection its purpose never uses would sit in its grant doing nothing but mislead.
    const unused = unusedCollections(purpose, docs)
    if (unused.length > 0) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `An agent for ${purpose} uses ${purposeCollectionsWords(purpose)} only, never ${andList(unused)}: ` +
        `leave ${unused.length === 1 ? 'it' : 'them'} out of --docs, or give it the purpose agent-assist.`)
    }
    const seed = randomBytes(32)
    const key = await generateKeyPairFromSeed('Ed25519', seed)
    const did = didFromPublicKey(key.publicKey.raw)
    const cmd = input.write === true ? 'write' : 'read'
    const { grant } = await this.#grant(spaceId, did, { name, cmd, docs, purpose }, input.expiresInSeconds)
    const agent: AgentRecord = {
      name, spaceId, did, seed: seed.toString('base64'), token: randomBytes(32).toString('hex'), grantIds: [grant.grantId],
      cmd, docs, purpose, createdAt: new Date(this.#d.now()).toISOString(), calls: 0, lastCallAt: null,
    }
    await this.#store.put(agent)
    this.#calls.known(agent)
    return { ...this.#summary(agent), token: agent.token, agent: agent.name }
  }

  list(spaceId: SpaceId): { items: AgentSummary[] } {
    if (!this.#d.consent.spaces.has(spaceId)) throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows your spaces.`)
    // A name given again after a revoke lists both, the older first.
    return { items: this.#store.all().filter((a) => a.spaceId === spaceId).map((a) => this.#summary(a)).sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt)) }
  }

  async #renew(input: RenewAgentInput): Promise<AgentSummary> {
    const agent = this.#agent(input)
    const ended = this.#ended(agent)
    if (ended?.status === 'revoked') {
      throw new CommonweaveError(ErrorCode.GrantRevoked, `${agent.name} was revoked at ${ended.at}${ended.by ? ` by ${ended.byName ?? ended.by}` : ''}: a revoked agent is not renewed. Add a new one with "commonweave agent add".`)
    }
    const { grant } = await this.#grant(agent.spaceId, agent.did, agent, input.expiresInSeconds)
    const older = agent.grantIds
    agent.grantIds = [...older, grant.grantId]
    // One grant in force: the one before ends now rather than at its own expiry.
    await this.#d.grants.revokeAll(agent.spaceId, older)
    await this.#store.save()
    return this.#summary(agent)
  }

  /** An agent's name as items it made show it ("helper (agent)"), or null for any other did. */
  nameOf(did: Did): string | null {
    const agent = this.#calls.byDid(did)
    return agent ? `${agent.name} (agent)` : null
  }

  /** Why an agent may make no call at all (its grant expired or was revoked), in words; null while it stands. */
  refusal(did: Did): CommonweaveError | null {
    const agent = this.#calls.byDid(did)
    const ended = agent ? this.#ended(agent) : undefined
    if (!agent || !ended) return null
    if (ended.status === 'expired') {
      return new CommonweaveError(ErrorCode.GrantExpired, `${agent.name}'s grant expired at ${ended.at}; renew it with \`commonweave agent renew ${this.#spaceRef(agent.spaceId)} ${agent.name}\`.`)
    }
    return new CommonweaveError(ErrorCode.GrantRevoked, `${agent.name}'s grant was revoked at ${ended.at}${ended.by ? ` by ${ended.byName ?? ended.by}` : ''}; it may make no more calls. Add a new agent with \`commonweave agent add\` if it should go on.`)
  }

  async #grant(spaceId: SpaceId, did: Did, a: Pick<AgentRecord, 'name' | 'cmd' | 'docs' | 'purpose'>, seconds = MAX_AGENT_SECONDS): Promise<Awaited<ReturnType<GrantService['create']>>> {
    if (seconds > MAX_AGENT_SECONDS) throw new CommonweaveError(ErrorCode.ExpiryTooLong, 'An agent lasts at most 24 h at a time.')
    return this.#d.grants.create({ spaceId, to: did, cmd: a.cmd, docs: a.docs, purpose: a.purpose, expiresInSeconds: seconds, note: `agent "${a.name}", added on this peer` })
  }

  #checkDocs(docs: string[]): string[] {
    const names = this.#d.collections()
    const wanted = [...new Set(docs.map((d) => d.trim()))]
    for (const doc of wanted) {
      if (!names.includes(doc)) throw new CommonweaveError(ErrorCode.ValidationFailed, `"${doc}" is not a collection: an agent's grant names collections (${names.join(', ')}), never "*" or single documents.`)
    }
    return wanted
  }

  #agent(ref: AgentRef): AgentRecord {
    const agent = this.#store.find(ref.agent)
    if (!agent || agent.spaceId !== ref.spaceId) {
      const here = this.#store.all().filter((a) => a.spaceId === ref.spaceId).map((a) => a.name)
      throw new CommonweaveError(ErrorCode.NotFound, `No agent "${ref.agent}" in this space (${here.length > 0 ? `its agents: ${here.join(', ')}` : 'it has none'}). "commonweave agent list SPACE" lists them.`)
    }
    return agent
  }

  /** How the agent's grant in force ended, or undefined while it stands. */
  #ended(agent: AgentRecord): Ended | undefined {
    const grantId = agent.grantIds.at(-1) as string
    const index = this.#d.consent.index(agent.spaceId)
    const grant = this.#d.consent.grantById(grantId)
    // The space was left (or its grants are gone): nothing of it stands.
    if (!index || !grant) return { status: 'revoked', at: new Date(this.#d.now()).toISOString() }
    const revocation = index.revocationOf(grantId)
    if (revocation) {
      const by = revocation.payload.iss as Did
      return { status: 'revoked', at: new Date(revocation.payload.iat * 1000).toISOString(), by, byName: this.#d.nameOf(agent.spaceId, by) }
    }
    if (grant.payload.exp * 1000 <= this.#d.now()) return { status: 'expired', at: new Date(grant.payload.exp * 1000).toISOString() }
    return undefined
  }

  #summary(agent: AgentRecord): AgentSummary {
    const grantId = agent.grantIds.at(-1) as string
    const exp = this.#d.consent.grantById(grantId)?.payload.exp
    const ended = this.#ended(agent)
    return {
      name: agent.name, did: agent.did, spaceId: agent.spaceId, spaceName: this.#spaceName(agent.spaceId), grantId, cmd: agent.cmd, docs: agent.docs,
      purpose: agent.purpose, createdAt: agent.createdAt, expires: exp === undefined ? agent.createdAt : new Date(exp * 1000).toISOString(),
      status: ended?.status ?? 'active', calls: agent.calls, lastCallAt: agent.lastCallAt,
      ...(ended?.status === 'revoked' ? { revoked: { at: ended.at, by: ended.by ?? null, byName: ended.byName ?? null } } : {}),
    }
  }

  #spaceName(spaceId: SpaceId): string {
    return this.#d.consent.spaces.name(spaceId) ?? spaceId
  }

  /** The space as a command line names it: by name where that is unique here, else by id. */
  #spaceRef(spaceId: SpaceId): string {
    const name = this.#d.consent.spaces.name(spaceId)
    const unique = name !== undefined && this.#d.consent.spaces.spaceIds().filter((id) => this.#d.consent.spaces.name(id) === name).length === 1
    if (!unique) return spaceId
    return /^[\p{L}\p{N}_.-]+$/u.test(name) ? name : JSON.stringify(name)
  }
}
