// Method templates: versioned data that builds the initial board of a workshop step.
export { createTemplateRegistry, isTemplateId, isTemplateLanguage, methodTemplates, TemplateError } from './registry.ts'
export type { TemplateBoardRequest, TemplateErrorCode, TemplateRegistry } from './registry.ts'
export { templateIds, templateLanguages } from './types.ts'
export type {
  Localized,
  MethodTemplate,
  TemplateBoard,
  TemplateChallenge,
  TemplateId,
  TemplateLanguage,
  TemplateVersion,
} from './types.ts'
