import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { DotVoteTally } from '../../../shared/src/schema/dotVoting.ts'

/** How far a vote got, in words: "14 prikker fra 5 personer". */
export function useVoteProgress(): (tally: DotVoteTally | null) => string {
  const { t } = useTranslation()
  return useCallback(
    (tally) => t('vote.progress', { dots: t('vote.dots', { count: tally?.dots ?? 0 }), voters: t('vote.voters', { count: tally?.voters ?? 0 }) }),
    [t],
  )
}
