/** The time now, to the minute, redrawn at each minute's turn: "time left" counts down without a busy clock. */
import { useEffect, useState } from 'react'

const MINUTE = 60_000

export function useMinute(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    const tick = (): void => {
      setNow(Date.now())
      // At the next turn of the minute, not a minute after mounting: "1 min" becomes "closed" on time.
      timer = setTimeout(tick, MINUTE - (Date.now() % MINUTE) + 50)
    }
    timer = setTimeout(tick, MINUTE - (Date.now() % MINUTE) + 50)
    return () => clearTimeout(timer)
  }, [])
  return now
}
