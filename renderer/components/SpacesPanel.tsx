import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { describeAccess } from '../../shared/api/access-words.ts'
import type { InviteResult } from '../../shared/api/peer-api.ts'
import type { Controller } from '../controller.ts'
import { useApp } from '../store/store.ts'

/** The spaces this peer belongs to, an invite for the selected one, and creating or joining one. */
export function SpacesPanel({ controller }: { controller: Controller }) {
  const { spaces, selected, busy } = useApp(useShallow((s) => ({ spaces: s.spaces, selected: s.selected, busy: s.busy !== null })))
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [invite, setInvite] = useState<InviteResult | null>(null)
  const create = (e: FormEvent) => {
    e.preventDefault()
    if (name.trim()) void controller.createSpace(name.trim()).then(() => setName(''))
  }
  const join = (e: FormEvent) => {
    e.preventDefault()
    if (code.trim()) void controller.join(code.trim()).then(() => setCode(''))
  }
  return (
    <nav aria-label="Spaces">
      <h2>Spaces</h2>
      {spaces.length === 0 && <p className="hint">You are not in a space yet.</p>}
      <ul className="spaces">
        {spaces.map((s) => (
          <li key={s.spaceId}>
            <button type="button" aria-current={s.spaceId === selected} onClick={() => controller.select(s.spaceId)}>
              <span className="space-name">{s.name}</span>
              {s.role === 'guest'
                ? <small>Guest: {describeAccess(s.access, formatDate)}</small>
                : <small>{s.members} member{s.members === 1 ? '' : 's'}</small>}
              {s.damaged && <small className="damaged" title={s.damaged.reason}>Damaged here: showing its last valid state</small>}
            </button>
          </li>
        ))}
      </ul>
      {/* A guest holds a grant to part of the space; only members invite. */}
      {selected && spaces.find((s) => s.spaceId === selected)?.role !== 'guest' && (
        <button type="button" disabled={busy} onClick={() => void controller.invite(selected).then(setInvite)}>Invite someone</button>
      )}
      {invite && invite.spaceId === selected && (
        <div className="invite">
          <label htmlFor="invite-code">Invite code</label>
          <textarea id="invite-code" readOnly value={invite.code} rows={4} onFocus={(e) => e.currentTarget.select()} />
          <p className="hint">Send this code to the person you invite. It works until {formatDate(invite.expiresAt)}.</p>
        </div>
      )}
      <form onSubmit={create} className="stack">
        <label htmlFor="new-space">New space</label>
        <div className="row">
          <input id="new-space" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Tool Library" />
          <button type="submit" disabled={busy}>Create</button>
        </div>
      </form>
      <form onSubmit={join} className="stack">
        <label htmlFor="join-code">Join with a code</label>
        <div className="row">
          <input id="join-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="cw1.…" autoComplete="off" spellCheck={false} />
          <button type="submit" disabled={busy}>Join</button>
        </div>
      </form>
    </nav>
  )
}

function formatDate(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
