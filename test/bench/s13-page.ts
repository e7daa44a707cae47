/**
 * S13's probes inside Chromium. Playwright sends each function to the page as source text, so
 * every one stands alone: no imports, no outer variables. `installProbe` runs before any page
 * script (an init script) and leaves `window.__s13`, which the others use; all times are the
 * page's own clock (performance.now(), from navigation start), or wall clock where Node
 * compares them with its Date.now().
 */

export interface PaintTiming {
  /** The Resources list first held a resource row (a DOM mutation; ms from navigation start). */
  rowsAt: number
  /** The animation frame after that: the one that paints those rows. */
  paintedAt: number
  /** DOMContentLoaded ended. */
  domReady: number
  /** The page's requests to the peer's API before the rows showed: first start, last end, how many. */
  apiStart: number
  apiEnd: number
  apiRequests: number
  /** Rows of the list in the DOM when they first showed. */
  rows: number
}

export interface FilterTiming {
  /** From the input event to the frame whose rows reflect the query; NaN when they never did within 5 s. */
  ms: number
  rows: number
  /** Up to three rows' text, to say what the list showed when it did not reflect the query. */
  sample: string[]
}

export interface SeenTiming {
  /** Wall clock (timeOrigin + now) of the frame where the text showed. */
  seenAt: number
  /** Wall clock of the first API request's start and the last one's end since the marks were cleared, or NaN. */
  apiStart: number
  apiEnd: number
  apiRequests: number
  /** Those requests' paths, ids left out. */
  paths: string[]
}

interface Probe {
  rows(): HTMLElement[]
  paint?: PaintTiming
  filter?: Promise<FilterTiming>
}

declare global {
  interface Window { __s13: Probe }
}

/** The init script: finds the Resources list's rows, and notes when the first resource row shows. */
export function installProbe(): void {
  // Room for every request's timing across a whole scenario (the default keeps 250).
  performance.setResourceTimingBufferSize(100_000)
  const isList = (e: Element): boolean => e.getAttribute('role') === 'list' || (!e.hasAttribute('role') && (e.tagName === 'UL' || e.tagName === 'OL'))
  const rows = (): HTMLElement[] => {
    const list = [...document.querySelectorAll('[aria-label="Resources"]')].find(isList)
    if (!list) return []
    // Rows of this list only, not the items of a list nested in a row (tags, say).
    return [...list.querySelectorAll<HTMLElement>('[role="listitem"], li:not([role])')]
      .filter((li) => { let up = li.parentElement; while (up && up !== list && !isList(up)) up = up.parentElement; return up === list })
  }
  const probe: Probe = { rows }
  window.__s13 = probe
  const apiEntries = (): PerformanceResourceTiming[] =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/v1/'))
  const seen = (): void => {
    const now = rows()
    if (probe.paint || !now.some((r) => (r.textContent ?? '').includes('Item '))) return
    observer.disconnect()
    const rowsAt = performance.now()
    requestAnimationFrame(() => {
      const api = apiEntries().filter((e) => e.startTime < rowsAt)
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
      probe.paint = {
        rowsAt, paintedAt: performance.now(), domReady: nav?.domContentLoadedEventEnd ?? NaN,
        apiStart: Math.min(...api.map((e) => e.startTime)), apiEnd: Math.max(...api.map((e) => e.responseEnd)), apiRequests: api.length, rows: now.length,
      }
    })
  }
  const observer = new MutationObserver(seen)
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}

/**
 * Arms a watch for the next input event whose field then holds `query`: from that event, each
 * animation frame checks the list until every row it shows holds every word of the query (or,
 * with `expected` 0, it shows none), and no more rows than the query matches.
 */
export function armFilter(arg: { query: string; words: string[]; expected: number }): void {
  const probe = window.__s13
  probe.filter = new Promise<FilterTiming>((resolve) => {
    const onInput = (e: Event): void => {
      if (!(e.target instanceof HTMLInputElement) || e.target.value !== arg.query) return
      window.removeEventListener('input', onInput, true)
      const t0 = performance.now()
      const frame = (): void => {
        const rows = probe.rows()
        const texts = rows.map((r) => (r.textContent ?? '').toLowerCase())
        const done = arg.expected === 0 ? rows.length === 0 : rows.length > 0 && rows.length <= arg.expected && texts.every((t) => arg.words.every((w) => t.includes(w)))
        const ms = performance.now() - t0
        if (done || ms > 5000) resolve({ ms: done ? ms : NaN, rows: rows.length, sample: texts.slice(0, 3) })
        else requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    }
    // Capturing on the window: this runs before React's own listener on its root.
    window.addEventListener('input', onInput, true)
  })
}

/** For page.waitForFunction with polling 'raf': the wall-clock time a row first shows `text`, and the API requests before it; false until then. */
export function rowShows(text: string): SeenTiming | false {
  if (!window.__s13.rows().some((r) => (r.textContent ?? '').includes(text))) return false
  const seenAt = performance.timeOrigin + performance.now()
  const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/v1/'))
  const wall = (t: number): number => (Number.isFinite(t) ? performance.timeOrigin + t : NaN)
  return {
    seenAt, apiRequests: api.length, paths: api.map((e) => new URL(e.name).pathname.replace(/\/[^/]{20,}/g, '/:id')),
    apiStart: wall(Math.min(...api.map((e) => e.startTime))), apiEnd: wall(Math.max(...api.map((e) => e.responseEnd))),
  }
}

/** The baseline page: a plain static list of `n` rows, no script, the same list role and name. */
export function staticListPage(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `<li>Item ${i}: a ladder, four metres <small>tool</small></li>`).join('')
  return `data:text/html;charset=utf-8,${encodeURIComponent(`<!doctype html><title>list</title><ul role="list" aria-label="Resources">${items}</ul>`)}`
}
