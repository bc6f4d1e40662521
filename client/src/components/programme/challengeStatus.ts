import type { ChallengeStatus } from '../../../../shared/src/schema/challenge.ts'

/** The catalogue key naming each challenge status (draft, active, closed). */
export const challengeStatusKey = {
  draft: 'challenge.statusDraft',
  active: 'challenge.statusActive',
  closed: 'challenge.statusClosed',
} as const satisfies Record<ChallengeStatus, string>
