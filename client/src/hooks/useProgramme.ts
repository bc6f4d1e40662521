import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import type { Municipality } from '../../../shared/src/schema/municipality.ts'
import { ChallengeList, MunicipalityList } from '../../../shared/src/schema/publicApi.ts'
import { useApiResource, type ApiResource } from './useApiResource.ts'

/** The programme's municipalities and challenges that match a search, with what the lists need to show them. */
export interface ProgrammeView {
  challenges: Challenge[]
  municipalities: Municipality[]
  /** Every municipality's name by id (a challenge names its lead municipality by id). */
  municipalityNames: ReadonlyMap<string, string>
  /** The challenge each municipality leads or applies with, by municipality id. */
  challengeOfMunicipality: ReadonlyMap<string, Challenge>
}

export type ProgrammeState =
  | { status: 'loading'; previous: ProgrammeView | null }
  | { status: 'loaded'; view: ProgrammeView }
  | { status: 'failed' }

function valueOf<T>(resource: ApiResource<T>): T | null {
  if (resource.status === 'loaded') return resource.value
  return resource.status === 'loading' ? resource.previous : null
}

/**
 * The start page's data: all municipalities and challenges (for names and
 * links), and those the server finds for `searchText` (all, when it is empty).
 */
export function useProgramme(searchText: string): ProgrammeState {
  const query = searchText.trim()
  const allMunicipalities = useApiResource('/api/municipalities', MunicipalityList)
  const allChallenges = useApiResource('/api/challenges', ChallengeList)
  const search = query === '' ? null : `?q=${encodeURIComponent(query)}`
  const foundMunicipalities = useApiResource(search && `/api/municipalities${search}`, MunicipalityList)
  const foundChallenges = useApiResource(search && `/api/challenges${search}`, ChallengeList)
  const resources = search === null ? [allMunicipalities, allChallenges] : [allMunicipalities, allChallenges, foundMunicipalities, foundChallenges]
  if (resources.some((resource) => resource.status === 'failed' || resource.status === 'notFound')) {
    return { status: 'failed' }
  }
  const all = { municipalities: valueOf(allMunicipalities), challenges: valueOf(allChallenges) }
  const shown =
    search === null ? all : { municipalities: valueOf(foundMunicipalities), challenges: valueOf(foundChallenges) }
  const view =
    all.municipalities && all.challenges && shown.municipalities && shown.challenges
      ? programmeView(all.municipalities.municipalities, all.challenges.challenges, shown)
      : null
  const loading = resources.some((resource) => resource.status === 'loading')
  if (loading || view === null) return { status: 'loading', previous: view }
  return { status: 'loaded', view }
}

function programmeView(
  municipalities: Municipality[],
  challenges: Challenge[],
  shown: { municipalities: MunicipalityList | null; challenges: ChallengeList | null },
): ProgrammeView {
  const challengeOfMunicipality = new Map<string, Challenge>()
  for (const challenge of challenges) {
    for (const id of [challenge.leadMunicipalityId, ...challenge.coApplicantIds]) {
      if (!challengeOfMunicipality.has(id)) challengeOfMunicipality.set(id, challenge)
    }
  }
  return {
    challenges: shown.challenges?.challenges ?? [],
    municipalities: shown.municipalities?.municipalities ?? [],
    municipalityNames: new Map(municipalities.map((municipality) => [municipality.id, municipality.name])),
    challengeOfMunicipality,
  }
}
