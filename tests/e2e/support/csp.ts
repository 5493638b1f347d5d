import type { Page } from '@playwright/test';

/** Collects every Content-Security-Policy violation the page reports, from its next load on. */
export async function watchForCspViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('reportCspViolation', (violation: string) =>
		violations.push(violation)
	);
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { reportCspViolation(v: string): void })
				.reportCspViolation;
			report(`${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile})`);
		});
	});
	page.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) violations.push(message.text());
	});
	return violations;
}
