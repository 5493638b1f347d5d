import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 level AA, and the A and AA rules of the earlier versions it includes. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Scans the page as it is now; the failure lists each rule broken and where. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();

	const report = violations.map((violation) =>
		[
			`${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}`,
			`  ${violation.helpUrl}`,
			...violation.nodes.map((node) => `  at ${node.target.join(' ')}`)
		].join('\n')
	);
	expect(report, `axe found ${violations.length} accessibility violation(s)`).toEqual([]);
}
