import { ParticipantParams } from '../../../shared/src/schema/boardHistoryApi.ts'
import { error, json, operation, type PathItem } from './openApiSchema.ts'

const ok = (description: string, schema: string) => ({ description, content: json(schema) })
const notFound = error('No such workshop (workshop_not_found) or participant in it (participant_not_found).')

/** What is stored about one participant: erasing it and handing it over. */
export function participantDataPaths(): Record<string, PathItem> {
  return {
    '/api/workshops/{workshopId}/participants/{participantId}/erasure': {
      post: operation({
        summary:
          'Erase a participant: their name, affiliation, colour and sessions (sockets closed at once, 4418), their name and marks on every board of the workshop (live, and in the boards’ stored history, which is rewritten from now), their hand, “done” marks and dots; with deleteNotes also the notes they made, and those notes in the description draft’s sources. Published descriptions are not touched.',
        access: 'facilitator',
        unsafe: true,
        params: ParticipantParams,
        body: 'EraseParticipantBody',
        responses: {
          '200': ok('What was erased.', 'EraseParticipantAnswer'),
          '404': notFound,
          '409': error('A board of the workshop is being deleted or the server is stopping (board_unavailable): erase again.'),
        },
      }),
    },
    '/api/workshops/{workshopId}/participants/{participantId}/export': {
      get: operation({
        summary:
          'Everything stored about one participant (an access request): their record, sessions without secrets, the workshop, their notes and where they are, their reactions, changes, hand, “done” marks and dots. A JSON download.',
        access: 'facilitator',
        params: ParticipantParams,
        responses: { '200': ok('The participant’s data.', 'ParticipantDataExport'), '404': notFound },
      }),
    },
  }
}
