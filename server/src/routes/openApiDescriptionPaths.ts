import { ChallengeParams } from '../../../shared/src/schema/publicApi.ts'
import { draftEditMaxBytes } from './descriptions.ts'
import { error, json, operation, type PathItem } from './openApiSchema.ts'
import { DiffQuery, VersionParams } from './publishedDescriptions.ts'

const ok = (description: string, schema: string) => ({ description, content: json(schema) })
const noChallenge = error('No such challenge (challenge_not_found).')

/** Challenge descriptions: the facilitators' draft and publishing, and the published versions. */
export function descriptionPaths(): Record<string, PathItem> {
  return {
    '/api/challenges/{challengeId}/description': {
      get: operation({
        summary: 'The working draft of the challenge description (a fresh one from the challenge when none is stored).',
        access: 'facilitator',
        params: ChallengeParams,
        responses: { '200': ok('The draft, with each field’s sources.', 'DescriptionDraft'), '404': noChallenge },
      }),
      put: operation({
        summary:
          'Change fields of the draft (each becomes edited, so drafting again never overwrites it) and accept or dismiss drafted values waiting for a person, whole or (list fields) row by row.',
        access: 'facilitator',
        unsafe: true,
        params: ChallengeParams,
        body: 'UpdateDraftBody',
        responses: {
          '200': ok('The draft.', 'DescriptionDraft'),
          '404': noChallenge,
          '413': error(`Larger than ${draftEditMaxBytes / 1024 / 1024} MB, which no valid body is (payload_too_large); other API bodies may be 100 kB.`),
        },
      }),
    },
    '/api/challenges/{challengeId}/description/draft': {
      post: operation({
        summary:
          'Draft from a workshop of the challenge: its boards are read and mapped to fields. Fields a person edited keep their text; the new drafted value waits as pending (in a list field, each new row on its own in pendingRows).',
        access: 'facilitator',
        unsafe: true,
        params: ChallengeParams,
        body: 'DraftFromWorkshopBody',
        responses: {
          '200': ok('The draft and what happened to each field (filled, emptied, pending, unchanged).', 'DraftResult'),
          '400': error('The workshop works on another challenge (workshop_not_in_challenge), or a field is invalid.'),
          '404': noChallenge,
        },
      }),
    },
    '/api/challenges/{challengeId}/description/publish': {
      post: operation({
        summary: 'Publish the draft as the next numbered, immutable version, with the date and the publisher’s name.',
        access: 'facilitator',
        unsafe: true,
        params: ChallengeParams,
        responses: {
          '201': ok('The new version (its Location is the public JSON of it).', 'PublishedDescription'),
          '404': noChallenge,
          '409': error('There is no draft yet (nothing_to_publish).'),
        },
      }),
    },
    '/api/published': {
      get: operation({
        summary: 'The newest published version of every challenge, most recently published first.',
        access: 'public',
        responses: { '200': ok('The published challenges.', 'PublishedList') },
      }),
    },
    '/api/challenges/{challengeId}/description/versions': {
      get: operation({
        summary: 'The published versions of a challenge’s description, newest first (empty before the first).',
        access: 'public',
        params: ChallengeParams,
        responses: { '200': ok('The versions.', 'VersionList'), '404': noChallenge },
      }),
    },
    '/api/challenges/{challengeId}/description/versions/{version}': {
      get: operation({
        summary: 'One published version, without participants’ names or internal ids (no note, board or step ids).',
        access: 'public',
        params: VersionParams,
        responses: {
          '200': ok('The version.', 'PublicDescription'),
          '404': error('No such challenge (challenge_not_found) or version (version_not_found).'),
        },
      }),
    },
    '/api/challenges/{challengeId}/description/diff': {
      get: operation({
        summary: 'What changed between two published versions, field by field, text fields also word by word.',
        access: 'public',
        params: ChallengeParams,
        query: DiffQuery,
        responses: {
          '200': ok('The changed fields.', 'DescriptionDiff'),
          '404': error('No such challenge (challenge_not_found) or version (version_not_found).'),
        },
      }),
    },
  }
}
