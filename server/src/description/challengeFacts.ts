import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import { writtenLanguageForm } from '../../../shared/src/schema/municipality.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import type { ChallengeFacts } from '../store/DescriptionStore.ts'

type NamedMunicipality = ChallengeFacts['leadMunicipality']

/**
 * The fields of a description that follow its challenge as it is now: the
 * municipalities by name and the lead municipality's written language form. Drafts are
 * shown and published with these, so a changed challenge never leaves a
 * description naming yesterday's co-applicants.
 */
export async function challengeFacts(domain: DomainStore, challenge: Challenge): Promise<ChallengeFacts> {
  const named = async (id: string): Promise<NamedMunicipality & { languageForm: ChallengeFacts['languageForm'] }> => {
    const municipality = await domain.getMunicipality(id)
    // The store refuses a challenge naming a missing municipality, so a miss is a bug.
    if (municipality === null) throw new Error(`Challenge ${challenge.id} names municipality ${id}, which is missing.`)
    return { id, name: municipality.name, languageForm: writtenLanguageForm(municipality.languageForm) }
  }
  const [lead, coApplicants, followerMunicipalities] = await Promise.all([
    named(challenge.leadMunicipalityId),
    Promise.all(challenge.coApplicantIds.map(named)),
    Promise.all(challenge.followerMunicipalityIds.map(named)),
  ])
  const plain = ({ id, name }: NamedMunicipality): NamedMunicipality => ({ id, name })
  return {
    leadMunicipality: plain(lead),
    coApplicants: coApplicants.map(plain),
    followerMunicipalities: followerMunicipalities.map(plain),
    languageForm: lead.languageForm,
  }
}
