import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

// The accessibility check of the browser tests: axe-core's WCAG 2.1 A and AA rules.

/**
 * Serious and critical axe-core violations on the page, or within the parts `include` selects,
 * as "rule: target" lines.
 * @example expect(await seriousViolations(page, '[data-testid="vote-banner"]')).toEqual([])
 */
export async function seriousViolations(page: Page, include: string | readonly string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  for (const selector of typeof include === 'string' ? [include] : include) builder = builder.include(selector)
  const results = await builder.analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`))
}
