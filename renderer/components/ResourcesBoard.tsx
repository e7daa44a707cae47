import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { RESOURCE_KINDS, type ResourceKind, type ResourceView } from '../../shared/schemas/resource.ts'
import type { Controller } from '../controller.ts'
import { useApp } from '../store/store.ts'
import { checkResourceForm } from './resource-form.ts'

const KIND_LABELS: Record<ResourceKind, string> = { offer: 'Offer', need: 'Need', tool: 'Tool', facility: 'Facility', skill: 'Skill' }

/** The selected space's resources: a form to post one, and the list, which updates live. */
export function ResourcesBoard({ controller }: { controller: Controller }) {
  const { resources, total, loaded, selected, spaceName, busy } = useApp(useShallow((s) => ({
    resources: s.resources,
    total: s.resourcesTotal,
    loaded: s.resourcesLoaded,
    selected: s.selected,
    spaceName: s.spaces.find((sp) => sp.spaceId === s.selected)?.name ?? null,
    busy: s.busy !== null,
  })))
  const [kind, setKind] = useState<ResourceKind>('offer')
  const [title, setTitle] = useState('')
  const [tags, setTags] = useState('')
  const [problems, setProblems] = useState<string[]>([])
  if (!selected) {
    return (
      <div className="empty">
        <h2>Welcome</h2>
        <p>Create a space for your group, or join one with an invite code someone sent you.</p>
      </div>
    )
  }
  const add = (e: FormEvent) => {
    e.preventDefault()
    const check = checkResourceForm({ kind, title, tags })
    setProblems(check.ok ? [] : check.problems)
    if (!check.ok) return
    const sent = { title, tags }
    void controller.addResource(check.input).then((ok) => {
      // Clear only what was sent: whatever was typed since the click is the next entry, not this one.
      if (!ok) return
      setTitle((now) => (now === sent.title ? '' : now))
      setTags((now) => (now === sent.tags ? '' : now))
    })
  }
  return (
    <>
      <h2>{spaceName ?? 'Space'}</h2>
      <form onSubmit={add} className="add-resource" aria-label="Add a resource" noValidate>
        <div className="field">
          <label htmlFor="resource-kind">Kind</label>
          <select id="resource-kind" value={kind} onChange={(e) => setKind(e.target.value as ResourceKind)}>
            {RESOURCE_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="resource-title">Title</label>
          <input id="resource-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What is offered or needed?" aria-describedby="resource-problems" />
        </div>
        <div className="field grow-some">
          <label htmlFor="resource-tags">Tags</label>
          <input id="resource-tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="comma separated" aria-describedby="resource-problems" />
        </div>
        <button type="submit" disabled={busy}>Add</button>
      </form>
      <div id="resource-problems" role="alert" className={problems.length ? 'field-error' : undefined}>
        {problems.map((p) => <p key={p}>{p}</p>)}
      </div>
      <h3>Resources <small>{total}</small></h3>
      {resources.length === 0
        ? <p className="hint" aria-busy={!loaded}>{loaded ? 'Nothing open posted yet.' : 'Loading…'}</p>
        : (
          <ul className="resources" aria-label="Resources">
            {resources.map((r) => <ResourceRow key={r.id} r={r} />)}
          </ul>
        )}
      {total > resources.length && <p className="hint">Showing the first {resources.length} of {total}.</p>}
    </>
  )
}

/** One resource: what it is on the first line; who posted it and the details that are set on the second; then its description. */
function ResourceRow({ r }: { r: ResourceView }) {
  const details = [
    `by ${r.ownerName ?? 'a member'}`,
    r.quantity !== undefined ? `quantity ${r.quantity}` : null,
    r.location ? `at ${r.location}` : null,
    r.availability ? `available ${r.availability}` : null,
    r.poolName ? `pool: ${r.poolName}` : null,
    r.expiresAt ? (r.expired ? 'expired' : `expires ${fromNow(Date.parse(r.expiresAt))}`) : null,
  ].filter((d): d is string => d !== null)
  return (
    <li>
      <div className="line">
        <span className={`kind ${r.kind}`}>{KIND_LABELS[r.kind]}</span>
        <span className="title">{r.title}</span>
        {r.status !== 'open' && <span className={`status ${r.status}`}>{r.status}</span>}
        {r.tags.length > 0 && <span className="tags">{r.tags.map((t) => <span key={t} className="tag">{t}</span>)}</span>}
      </div>
      <div className="details">{details.join(' · ')}</div>
      {r.description && <p className="description">{r.description}</p>}
    </li>
  )
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** "in 2 days", "in 3 hours", "tomorrow". */
function fromNow(at: number): string {
  const s = (at - Date.now()) / 1000
  const [n, unit]: [number, Intl.RelativeTimeFormatUnit] = Math.abs(s) >= 86_400 ? [s / 86_400, 'day'] : Math.abs(s) >= 3600 ? [s / 3600, 'hour'] : [s / 60, 'minute']
  return RELATIVE.format(Math.round(n), unit)
}
