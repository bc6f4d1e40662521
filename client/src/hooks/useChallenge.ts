import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { ChallengeDetail } from '../../../shared/src/schema/publicApi.ts'
import { useApiResource, type ApiResource } from './useApiResource.ts'

/** One challenge with its municipalities' names; an id that cannot exist is not found without asking. */
export function useChallenge(challengeId: string): ApiResource<ChallengeDetail> {
  const valid = isBoardId(challengeId)
  const resource = useApiResource(valid ? `/api/challenges/${challengeId}` : null, ChallengeDetail)
  return valid ? resource : { status: 'notFound' }
}
