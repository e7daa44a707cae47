/** Arrow keys and Enter in a text field that drives a list of choices (the palette, search, the page picker). */
import type { Dispatch, KeyboardEvent, SetStateAction } from 'react'

export function listKeys(count: number, setActive: Dispatch<SetStateAction<number>>, choose: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.max(0, Math.min(a + 1, count - 1))) }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)) }
    // Enter that ends an input method's composition is not a choice.
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) { e.preventDefault(); choose() }
  }
}
