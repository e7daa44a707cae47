/**
 * Who posted what, by name: the peer names the owner where it can see the roster; where it
 * did not, the members list this page holds may. Also who "you" are, for "Mine".
 */
import { useMemo } from 'react'
import { useApp } from '../../store/use-app.tsx'

export interface Names {
  me: string | null
  nameOf(did: string, given: string | null): string | null
}

export function useNames(): Names {
  const members = useApp((s) => s.members.list.value)
  const me = useApp((s) => s.connection.status?.did ?? null)
  return useMemo(() => {
    const byDid = new Map(members.map((m) => [m.did as string, m.name]))
    return { me, nameOf: (did, given) => given ?? byDid.get(did) ?? null }
  }, [members, me])
}
