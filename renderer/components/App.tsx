import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { RESOURCE_KINDS, type ResourceKind } from '../../shared/schemas/resource.ts'
import type { Controller } from '../controller.ts'
import { useApp } from '../store/store.ts'

export function App({ controller }: { controller: Controller }) {
  const error = useApp((s) => s.error)
  const busy = useApp((s) => s.busy)
  return (
    <div className="app">
      <Header />
      <main>
        <aside><Spaces controller={controller} /></aside>
        <section><Resources controller={controller} /></section>
      </main>
      <div className="statusline" role="status" aria-live="polite">{busy ?? ''}</div>
      {error && <div className="error" role="alert">{error}</div>}
    </div>
  )
}

function Header() {
  const { online, status, peers } = useApp(useShallow((s) => ({ online: s.online, status: s.status, peers: s.peers })))
  return (
    <header>
      <h1>Commonweave</h1>
      <span className={online ? 'dot on' : 'dot off'} aria-label={online ? 'connected to peer' : 'peer offline'} />
      <span title={status?.did}>{status?.name ?? '…'}</span>
      <span data-testid="peer-count">{peers.length} peer{peers.length === 1 ? '' : 's'} connected</span>
    </header>
  )
}

function Spaces({ controller }: { controller: Controller }) {
  const { spaces, selected } = useApp(useShallow((s) => ({ spaces: s.spaces, selected: s.selected })))
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [invite, setInvite] = useState<string | null>(null)
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
      <ul>
        {spaces.map((s) => (
          <li key={s.spaceId}>
            <button aria-current={s.spaceId === selected} onClick={() => controller.select(s.spaceId)}>
              {s.name} <small>{s.members} member{s.members === 1 ? '' : 's'}</small>
            </button>
          </li>
        ))}
      </ul>
      {selected && <button onClick={() => void controller.invite(selected).then(setInvite)}>Invite someone</button>}
      {invite && <textarea readOnly aria-label="Invite code" value={invite} onFocus={(e) => e.currentTarget.select()} />}
      <form onSubmit={create}>
        <label>New space <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" /></label>
        <button type="submit">Create</button>
      </form>
      <form onSubmit={join}>
        <label>Join with a code <input value={code} onChange={(e) => setCode(e.target.value)} placeholder="cw1.…" /></label>
        <button type="submit">Join</button>
      </form>
    </nav>
  )
}

function Resources({ controller }: { controller: Controller }) {
  const { resources, selected } = useApp(useShallow((s) => ({ resources: s.resources, selected: s.selected })))
  const [kind, setKind] = useState<ResourceKind>('offer')
  const [title, setTitle] = useState('')
  const [tags, setTags] = useState('')
  if (!selected) return <p className="notice">Create a space, or join one with an invite code.</p>
  const add = (e: FormEvent) => {
    e.preventDefault()
    const tagList = tags.split(',').map((t) => t.trim()).filter(Boolean)
    void controller.addResource({ kind, title, ...(tagList.length ? { tags: tagList } : {}) }).then((ok) => {
      if (ok) { setTitle(''); setTags('') }
    })
  }
  return (
    <>
      <h2>Resources</h2>
      <form onSubmit={add} className="add-resource">
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as ResourceKind)}>
          {RESOURCE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <input aria-label="Title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What is offered or needed?" required />
        <input aria-label="Tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="tags, comma separated" />
        <button type="submit">Add</button>
      </form>
      <ul className="resources" aria-label="Resources">
        {resources.map((r) => (
          <li key={r.id}><span className={`kind ${r.kind}`}>{r.kind}</span> {r.title}{r.tags.length > 0 && <small> {r.tags.join(', ')}</small>}</li>
        ))}
      </ul>
      {resources.length === 0 && <p className="notice">Nothing posted yet.</p>}
    </>
  )
}
