/** The stance form's check, pure: a choice of the process, and a reason where the process needs one. */
import { CHOICES, REASON_REQUIRED, type Choice, type Process, type StanceInput } from '../../../shared/schemas/decision.ts'
import { CHOICE_LABEL } from './words.ts'

export function needsReason(process: Process, choice: Choice | null): boolean {
  return choice !== null && REASON_REQUIRED[process].includes(choice)
}

/** What the reason field says before anything is sent: which choices need one. */
export function reasonHint(process: Process, choice: Choice | null): string {
  const required = REASON_REQUIRED[process]
  if (choice !== null && required.includes(choice)) return `${CHOICE_LABEL[choice]} needs a reason: say why, so others can respond.`
  if (required.length === CHOICES[process].length) return 'Every stance needs a reason here: under the advice process, the reason is the advice.'
  return `Optional for this choice; needed for ${required.map((c) => CHOICE_LABEL[c]).join(' and ')}.`
}

export function toStanceInput(process: Process, choice: Choice | null, reason: string): { ok: true; value: StanceInput } | { ok: false; problem: string; field: 'choice' | 'reason' } {
  if (choice === null || !CHOICES[process].includes(choice)) return { ok: false, field: 'choice', problem: 'Choose your stance first.' }
  const words = reason.trim()
  if (!words && needsReason(process, choice)) return { ok: false, field: 'reason', problem: `${CHOICE_LABEL[choice]} needs a reason.` }
  return { ok: true, value: { choice, ...(words ? { reason: words } : {}) } }
}
