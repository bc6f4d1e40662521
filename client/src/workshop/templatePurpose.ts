import { isTemplateId, isTemplateLanguage, methodTemplates } from '../../../shared/src/templates/registry.ts'

/**
 * What a step's method is for, in one line ("Bli enige om hva utfordringen er …"), in
 * the reader's language (bokmål when it is not one a template speaks); null for a
 * template this client does not know. Read from the shared template registry, which
 * brings tldraw's record types along: import it only where tldraw is loaded anyway
 * (the board page).
 */
export function templatePurpose(templateId: string, language: string): string | null {
  if (!isTemplateId(templateId)) return null
  return methodTemplates.get(templateId).purpose[isTemplateLanguage(language) ? language : 'nb']
}
