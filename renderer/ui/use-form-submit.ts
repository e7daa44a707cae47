/** A form's send: busy while its `onSubmit` runs, then the problems it answered (none when it went through). */
import { useState, type FormEvent } from 'react'

export function useFormSubmit<F, P>(onSubmit: (fields: F) => Promise<P[] | null>): { problems: P[]; busy: boolean; submit(fields: F, e: FormEvent): Promise<void> } {
  const [problems, setProblems] = useState<P[]>([])
  const [busy, setBusy] = useState(false)
  const submit = async (fields: F, e: FormEvent): Promise<void> => {
    e.preventDefault()
    setBusy(true)
    try {
      setProblems((await onSubmit(fields)) ?? [])
    } finally {
      setBusy(false)
    }
  }
  return { problems, busy, submit }
}
