/** What the journeys through a PEP's pages do again and again. */
import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { phone, tablet } from './session';

/** No accessibility violations on a tablet or on a phone; leaves the page at a tablet's size. */
export async function scanBothSizes(page: Page) {
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);
}

/** A date as YYYY-MM-DD in England, as the app reckons "today". */
export function isoDay(date: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date);
}

/** Types a date into a GOV.UK date input's three boxes, as a person would (no leading zeros). */
export async function fillDate(page: Page, id: string, iso: string) {
	const [year, month, day] = iso.split('-');
	await page.locator(`#${id}-day`).fill(String(Number(day)));
	await page.locator(`#${id}-month`).fill(String(Number(month)));
	await page.locator(`#${id}-year`).fill(year!);
}

/** Saves a part and waits to be back on the PEP's task list. */
export async function saveAndReturn(page: Page, pepUrl: string) {
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page).toHaveURL(new RegExp(`${pepUrl}$`), { timeout: 30_000 });
}
