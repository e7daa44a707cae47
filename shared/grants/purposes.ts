/**
 * The purposes a grant may name. A grant says not only who may read or write what, but why:
 * the purpose is part of the consent a person gives, and a delegated grant keeps or narrows it.
 *
 * `*` (any purpose of the space) is carried by member and admin grants only; a grant to a peer
 * outside the space names one purpose from this list.
 */
export interface Purpose {
  id: string
  label: string
}

export const ANY_PURPOSE = '*'

export const PURPOSES: readonly Purpose[] = [
  { id: ANY_PURPOSE, label: 'Any purpose of the space (members)' },
  { id: 'coordination', label: 'Coordinating the community: offers, needs, bookings and decisions' },
  { id: 'matching', label: 'Matching offers and needs, within or across communities' },
  { id: 'research', label: 'Research about the community, with its consent' },
  { id: 'publication', label: 'Publishing beyond the community' },
  { id: 'agent-assist', label: 'An AI agent assisting a member' },
  { id: 'backup', label: 'Keeping a backup copy, read only' },
]

/**
 * The purposes an agent can be added for, in the order to offer them (what each lets it do:
 * electron/peer/agents/agent-purposes.ts). Publishing and backups are never an agent's.
 */
export const AGENT_PURPOSE_IDS = ['agent-assist', 'coordination', 'matching', 'research'] as const
export type AgentPurposeId = typeof AGENT_PURPOSE_IDS[number]
/** Those under which an agent may also write (the others only read): the form turns "may also write" off for the rest. */
export const AGENT_WRITING_PURPOSE_IDS: readonly AgentPurposeId[] = ['agent-assist', 'coordination']

const BY_ID = new Map(PURPOSES.map((p) => [p.id, p]))

export function isKnownPurpose(id: string): boolean {
  return BY_ID.has(id)
}

export function purposeLabel(id: string): string {
  return BY_ID.get(id)?.label ?? id
}

/** True when a grant for `parent` purpose may be narrowed to `child`: the same, or any from `*`. */
export function purposeCovers(parent: string, child: string): boolean {
  return parent === child || parent === ANY_PURPOSE
}
