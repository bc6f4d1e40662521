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

/**
 * The focused element's outline when it is not drawn at least 2 px wide and solid (axe-core does
 * not check that focus is visible, WCAG 2.4.7), as "tag.class: style width"; null when it is.
 * @example expect(await hiddenFocus(page)).toBeNull()
 */
export async function hiddenFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const focused = document.activeElement
    if (focused === null || focused === document.body) return 'nothing is focused'
    const { outlineStyle, outlineWidth } = getComputedStyle(focused)
    if (outlineStyle !== 'none' && parseFloat(outlineWidth) >= 2) return null
    return `${focused.tagName.toLowerCase()}.${[...focused.classList].join('.')}: ${outlineStyle} ${outlineWidth}`
  })
}
