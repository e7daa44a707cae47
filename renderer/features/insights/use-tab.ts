/** A tab's answer from the insights slice, asked for when the tab shows (and for another space when one is chosen). */
import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../../store/use-app.tsx'
import type { InsightsSlice, InsightTab } from './slice.ts'

export function useInsightTab<K extends InsightTab>(tab: K): { data: InsightsSlice[K]; retry: () => void } {
  const { data, load } = useApp(useShallow((s) => ({ data: s.insights[tab], load: s.insights.load })))
  const spaceId = useApp((s) => s.spaces.selected)
  useEffect(() => { void load(tab) }, [load, tab, spaceId])
  return { data, retry: () => void load(tab) }
}
