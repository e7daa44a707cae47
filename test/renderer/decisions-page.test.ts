/**
 * A proposal's page as the server-side renderer draws it (no browser): a member who may take a
 * stance is offered the "Your stance" group with the process's choices only and "Submit
 * stance"; a reader (a guest with a read grant) sees the proposal, its tally and stances but no
 * stance control and no "Close proposal"; a stance that does not count says why.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { MantineProvider } from '@mantine/core'
import { describe, expect, it } from 'vitest'
import type { DecisionView } from '../../shared/api/decisions-api.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { DecisionsView } from '../../renderer/features/decisions/DecisionsView.tsx'
import { createAppStore } from '../../renderer/store/store.ts'
import { StoreProvider } from '../../renderer/store/use-app.tsx'
import { ADA, stance, view } from './decisions-fixtures.ts'

function page(d: DecisionView): string {
  const store = createAppStore({ api: {} as PeerApi, notify: () => {} })
  store.setState((s) => ({
    spaces: { ...s.spaces, selected: 's1' as SpaceId },
    nav: { ...s.nav, section: 'decisions', item: d.id },
    connection: { ...s.connection, status: { did: ADA } as never },
    decisions: { ...s.decisions, openId: d.id, open: { status: 'ready', value: d, error: null } },
  }))
  // The server renderer reads a store's initial state (zustand's server snapshot): make it this one.
  store.getInitialState = store.getState
  return renderToStaticMarkup(createElement(StoreProvider, { store, children: createElement(MantineProvider, null, createElement(DecisionsView)) }))
}

/** The text of the page, tags dropped. */
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('a proposal’s page', () => {
  it('offers a member the process’s choices, the reason and "Submit stance"', () => {
    const html = page(view({ process: 'consensus', tally: { counts: { agree: 0, abstain: 0, disagree: 0, block: 0 }, voted: 0, eligible: 2, quorum: null, result: 'carried' } }))
    expect(html).toContain('aria-label="Your stance"')
    const group = html.slice(html.indexOf('aria-label="Your stance"'), html.indexOf('Reason'))
    expect(text(group).match(/\b(Agree|Abstain|Disagree|Block|Consent|Objection)\b/g)).toEqual(['Agree', 'Abstain', 'Disagree', 'Block'])
    expect(text(html)).toContain('Submit stance')
    expect(text(html)).toContain('Optional for this choice; needed for Disagree and Block.')
    expect(text(html)).toContain('Close proposal')
    expect(text(html), 'the undecided, by name').toContain('Yet to take part: you, someone (…6MkBea)')
  })

  it('says "Change stance" and the current one when the member has one', () => {
    const html = page(view({ myStance: 'consent', stances: [stance({ did: ADA, name: 'Ada', reason: 'Fine by me' })] }))
    expect(text(html)).toContain('Change stance')
    expect(text(html)).toMatch(/You said Consent/)
  })

  it('shows a reader the proposal, its tally and stances, but no stance control and no close', () => {
    const html = page(view({ mayStance: false, mayClose: false, stances: [stance()] }))
    expect(html).not.toContain('aria-label="Your stance"')
    expect(text(html)).not.toContain('Submit stance')
    expect(text(html)).not.toContain('Close proposal')
    expect(html).toContain('aria-label="Tally"')
    expect(html).toContain('aria-label="Stances"')
    expect(text(html)).toContain('Good for the deliveries')
    expect(text(html)).toContain('Verified')
    expect(text(html)).toContain('0 of 2 members have taken part')
  })

  it('tells why a stance does not count, and marks an unverified one in words', () => {
    const html = text(page(view({ status: 'closed', mayStance: false, stances: [
      stance({ id: 'a', late: true, counted: false, standing: 'late' }),
      stance({ id: 'b', did: 'did:key:z6MkCid' as Did, name: 'Cid', counted: false, standing: 'not-eligible' }),
      stance({ id: 'c', did: 'did:key:z6MkDee' as Did, name: 'Dee', verified: false, counted: false, standing: 'unverified' }),
    ] })))
    expect(html).toContain('Late — not counted')
    expect(html).toContain('Not a member when it was proposed — not counted')
    expect(html).toContain('Unverified')
    expect(html).toMatch(/closed on /)
  })

  it('once closed, offers its author "State the outcome" instead of closing, and shows the outcome signed', () => {
    const html = text(page(view({ status: 'closed', mayStance: false, outcome: { id: 'o1', by: ADA, byName: 'Ada', statement: 'Bought; it lives in the shed.', closedAt: new Date().toISOString(), verified: true } })))
    expect(html).toContain('State the outcome')
    expect(html).not.toContain('Close proposal')
    expect(html).toContain('Bought; it lives in the shed.')
    expect(html).toMatch(/Stated by Ada \(you\) on .* Verified/)
  })

  it('shows the quorum as a bar named "Quorum", saying whether it is reached', () => {
    const html = page(view())
    expect(html).toMatch(/role="progressbar"[^>]*aria-label="Quorum"|aria-label="Quorum"[^>]*role="progressbar"/)
    expect(text(html)).toContain('Quorum 50%: 1 needed, 0 taken part — not reached yet')
  })
})
