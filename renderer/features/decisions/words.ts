/** The words and colours of processes, choices and results, the same in the list and on a page. */
import type { DecisionResult } from '../../../shared/decisions/tally.ts'
import type { Choice, Process } from '../../../shared/schemas/decision.ts'

export const PROCESS_LABEL: Readonly<Record<Process, string>> = {
  consent: 'Consent', consensus: 'Consensus', majority: 'Majority', advice: 'Advice',
}

export const CHOICE_LABEL: Readonly<Record<Choice, string>> = {
  agree: 'Agree', abstain: 'Abstain', disagree: 'Disagree', block: 'Block', consent: 'Consent', objection: 'Objection',
}

/** Colours follow meaning (yes green, no orange, stop red), but every choice is also said in words. */
export const CHOICE_COLOR: Readonly<Record<Choice, string>> = {
  agree: 'teal', consent: 'teal', abstain: 'gray', disagree: 'orange', objection: 'red', block: 'red',
}

/** A selected choice's button: white text on it must read (orange 9 is under 4.5:1, so a darker orange). */
export const CHOICE_FILL: Readonly<Record<Choice, string>> = {
  agree: 'teal', consent: 'teal', abstain: 'gray', disagree: '#a3360b', objection: 'red', block: 'red',
}

export const RESULT_COLOR: Readonly<Record<DecisionResult, string>> = {
  carried: 'teal', 'not-carried': 'red', 'no-quorum': 'orange', 'advice-only': 'blue', unverified: 'red',
}

export { resultWords } from '../../../shared/decisions/words.ts'

const RESULT_BADGE: Readonly<Record<DecisionResult, string>> = {
  carried: 'Carried', 'not-carried': 'Not carried', 'no-quorum': 'No quorum', 'advice-only': 'Advice', unverified: 'Unverified proposal',
}

/** The short badge of a result: "Carried", "Not carried", "No quorum", "Advice"; "so far" while open. */
export function resultBadge(result: DecisionResult, open: boolean): string {
  return open && result !== 'advice-only' && result !== 'unverified' ? `${RESULT_BADGE[result]} so far` : RESULT_BADGE[result]
}
