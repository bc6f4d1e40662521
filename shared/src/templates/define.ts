// Templates are frozen when defined, so a released version cannot be changed at run time either.
import type { MethodTemplate, TemplateVersion } from './types.ts'

/** Freezes one released version of a template. */
export function defineVersion(version: TemplateVersion): TemplateVersion {
  return Object.freeze({ ...version })
}

/** Freezes a template, its texts and its version list (oldest first, numbered 1, 2, 3 …). */
export function defineTemplate(template: MethodTemplate): MethodTemplate {
  template.versions.forEach((entry, i) => {
    if (entry.version !== i + 1) {
      throw new Error(`Template ${template.id}: version ${entry.version} is at position ${i + 1}; versions are numbered 1, 2, 3 … in order`)
    }
  })
  return Object.freeze({
    ...template,
    name: Object.freeze({ ...template.name }),
    purpose: Object.freeze({ ...template.purpose }),
    versions: Object.freeze([...template.versions]),
  })
}
