/** "Matches" on a need's page: the few offers that could best meet it, with their reasons, and the way to all insights. */
import { Anchor, Stack, Text, Title } from '@mantine/core'
import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Section } from '../../app/nav-slice.ts'
import { useApp } from '../../store/use-app.tsx'
import { LoadView } from '../../ui/LoadView.tsx'
import { percent } from './match-words.ts'
import { MatchRow } from './MatchRow.tsx'

export function NeedMatches({ needId }: { needId: string }) {
  const { data, showNeed, go } = useApp(useShallow((s) => ({ data: s.insights.need.data, showNeed: s.insights.showNeed, go: s.nav.go })))
  useEffect(() => {
    void showNeed(needId)
    return () => void showNeed(null)
  }, [needId, showNeed])
  return (
    <Stack component="section" gap={6} maw={720} aria-labelledby="need-matches-title">
      <Title order={3} size="h4" id="need-matches-title">Matches</Title>
      <LoadView what="the matches" data={data} retry={() => void showNeed(needId)} isEmpty={(v) => v === null || v.matches.length === 0}
        empty={<Text size="sm" c="dimmed">No offer, tool, facility or skill matches this need {data.value ? `above ${percent(data.value.minScore)} ` : ''}yet.</Text>}>
        {(v) => (
          <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Matches for this need">
            {v!.matches.map((m) => <MatchRow key={`${m.space.spaceId}:${m.offer.id}`} match={m} />)}
          </Stack>
        )}
      </LoadView>
      <Anchor component="button" type="button" size="sm" w="fit-content" onClick={() => go(Section.Insights)}>All matches, gaps and suggestions in Insights</Anchor>
    </Stack>
  )
}
