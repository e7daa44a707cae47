/**
 * The selected space's proposals, the one open on its page, and proposing, taking a stance and
 * closing. Refreshed when the peer reports a change to the `decisions` collection or a
 * proposal closing (app/feeds.ts); reminds the member once of a proposal about to close.
 */
import type { DecisionSummary, DecisionView, ImportDecisionsResult } from '../../../shared/api/decisions-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { CloseInput, ProposeInput, StanceInput } from '../../../shared/schemas/decision.ts'
import { ErrorCode, toErrorData, type ErrorData } from '../../../shared/errors.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'
import { dueReminders, reminderText } from './reminders.ts'
import { CHOICE_LABEL, resultWords } from './words.ts'

/** How an action went: the proposal as the peer now has it, or its refusal in words (shown by the form). */
export type Outcome = { ok: true; value: DecisionView } | { ok: false; error: ErrorData }

export interface DecisionsSlice {
  list: Loadable<DecisionSummary[]>
  /** The proposal whose page is open (its id as the link gave it), and its full view. */
  openId: string | null
  open: Loadable<DecisionView | null>
  refresh(): Promise<void>
  /** Opens a proposal's page (null: back to the list), and fetches it. */
  show(id: string | null): Promise<void>
  propose(input: ProposeInput): Promise<Outcome>
  cast(decisionId: string, input: StanceInput): Promise<Outcome>
  close(decisionId: string, input: CloseInput): Promise<Outcome>
  /** Imports a Loomio export (a path on the peer's machine) into the selected space. */
  importLoomio(file: string): Promise<{ ok: true; value: ImportDecisionsResult } | { ok: false; error: ErrorData }>
  /** Reminds, once each, of proposals the member may still take a stance on that close within the hour. */
  remind(now: number): void
  /** The peer says a proposal reached its close: tell the member how it came out. */
  closed(decisionId: string): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
}

export const createDecisionsSlice: SliceCreator<'decisions'> = ({ api, notify }, get, patch) => {
  const listOrder = latestWins()
  const openOrder = latestWins()
  const reminded = new Set<string>()
  const selected = (): SpaceId | null => get().spaces.selected
  const fetchList = (spaceId: SpaceId): Promise<void> =>
    load(() => get().decisions.list, (list) => { if (selected() === spaceId) patch({ list }) }, listOrder,
      async () => (await api.listDecisions({ spaceId })).items)
  const loadOpen = async (spaceId: SpaceId, id: string): Promise<void> => {
    await load(() => get().decisions.open, (v) => { if (selected() === spaceId && get().decisions.openId === id) patch({ open: v }) }, openOrder,
      () => api.getDecision({ spaceId, decisionId: id }))
  }
  /** Puts the peer's answer to an action where the page shows it, and refetches the list around it. */
  const took = (spaceId: SpaceId, view: DecisionView): void => {
    const s = get().decisions
    if (selected() !== spaceId) return
    if (s.openId !== null && (s.openId === view.id || view.id.startsWith(s.openId))) patch({ open: { status: 'ready', value: view, error: null } })
    void fetchList(spaceId)
  }
  const act = async (run: (spaceId: SpaceId) => Promise<DecisionView>, done: (v: DecisionView) => string): Promise<Outcome> => {
    const spaceId = selected()
    if (!spaceId) return { ok: false, error: { code: ErrorCode.SpaceNotFound, message: 'Choose a space first.' } }
    try {
      const value = await run(spaceId)
      notify({ kind: 'done', message: done(value) })
      took(spaceId, value)
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: toErrorData(err) }
    }
  }
  return {
    list: idle([]),
    openId: null,
    open: idle(null),
    clear: () => patch({ list: idle([]), openId: null, open: idle(null) }),
    refresh: async () => {
      const spaceId = selected()
      if (!spaceId) return
      const openId = get().decisions.openId
      await Promise.all([
        fetchList(spaceId),
        openId ? loadOpen(spaceId, openId) : undefined,
      ])
      get().decisions.remind(Date.now())
    },
    show: async (id) => {
      const { openId, open } = get().decisions
      // Already shown or on its way; an idle one (no space selected yet when the link opened) is fetched now.
      if (id === openId && (open.status === 'ready' || open.status === 'loading')) return
      if (id !== openId) patch({ openId: id, open: idle(null) })
      const spaceId = selected()
      if (id && spaceId) await loadOpen(spaceId, id)
    },
    propose: (input) => act((spaceId) => api.proposeDecision({ ...input, spaceId }), (d) => `Proposed “${d.title}”.`),
    cast: (decisionId, input) => act((spaceId) => api.castStance({ ...input, spaceId, decisionId }),
      (d) => `Your stance on “${d.title}”: ${CHOICE_LABEL[input.choice]}.`),
    close: (decisionId, input) => act((spaceId) => api.closeDecision({ ...input, spaceId, decisionId }),
      (d) => (input.outcome ? `Recorded the outcome of “${d.title}”.` : `Closed “${d.title}”.`)),
    importLoomio: async (file) => {
      const spaceId = selected()
      if (!spaceId) return { ok: false, error: { code: ErrorCode.SpaceNotFound, message: 'Choose a space first.' } }
      try {
        const value = await api.importDecisions({ spaceId, file })
        if (value.imported.length > 0) notify({ kind: 'done', message: `Imported ${value.imported.length} decision${value.imported.length === 1 ? '' : 's'} from Loomio.` })
        void fetchList(spaceId)
        return { ok: true, value }
      } catch (err) {
        return { ok: false, error: toErrorData(err) }
      }
    },
    remind: (now) => {
      const { list } = get().decisions
      if (list.status !== 'ready') return
      for (const d of dueReminders(list.value, reminded, now)) {
        reminded.add(d.id)
        notify({ kind: 'info', ...reminderText(d, now) })
      }
    },
    closed: async (decisionId) => {
      const spaceId = selected()
      if (!spaceId) return
      try {
        const d = await api.getDecision({ spaceId, decisionId })
        // Closed here by this member: they were told already ("Closed …").
        if (d.closedEarly && d.outcome?.by === get().connection.status?.did) return
        notify({ kind: 'info', title: `“${d.title}” has closed`, message: `Result: ${resultWords(d.tally.result, false)}.` })
      } catch {
        // The event names the proposal only; if it cannot be read here, say it closed anyway.
        notify({ kind: 'info', title: 'A proposal has closed', message: 'See Decisions for its result.' })
      }
    },
  }
}
