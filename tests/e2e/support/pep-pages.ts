/** What the journeys through a PEP's pages do again and again. */
import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { phone, tablet, visit } from './session';

/** No accessibility violations on a tablet or on a phone; leaves the page at a tablet's size. */
export async function scanBothSizes(page: Page) {
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);
}

/** Types a date into a GOV.UK date input's three boxes, as a person would (no leading zeros). */
export async function fillDate(page: Page, id: string, iso: string) {
	const [year, month, day] = iso.split('-');
	await page.locator(`#${id}-day`).fill(String(Number(day)));
	await page.locator(`#${id}-month`).fill(String(Number(month)));
	await page.locator(`#${id}-year`).fill(year!);
}

/** Section A's seven parts, in the order of the task list. */
export const sectionAParts = [
	'personal-care',
	'social-worker-information',
	'education',
	'short-term-training-or-neet',
	'custody-and-remand',
	'additional-needs',
	'key-contacts'
] as const;

/**
 * Marks each of Section A's parts complete, as the social worker does. A part that applies only to
 * some young people asks first whether it does: nothing is chosen for them, so where the record
 * has no answer yet this one answers "No".
 */
export async function completeSectionA(page: Page, pepUrl: string) {
	for (const part of sectionAParts) {
		await visit(page, `${pepUrl}/parts/${part}`);
		// The form is drawn once the part's editor has loaded its draft.
		await expect(page.locator('#complete')).toBeVisible();
		const applies = page.locator('input[name="field-applicable"]');
		if (
			(await applies.count()) > 0 &&
			(await applies.and(page.locator(':checked')).count()) === 0
		) {
			await page.locator('#field-applicable-1').check();
		}
		await page.locator('#complete').check();
		await saveAndReturn(page, pepUrl);
	}
}

/** Saves a part and waits to be back on the PEP's task list. */
export async function saveAndReturn(page: Page, pepUrl: string) {
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page).toHaveURL(new RegExp(`${pepUrl}$`), { timeout: 30_000 });
}

/**
 * From the home screen, opens a child of the caseload by their name, as a person finds them in
 * the list, and then their current PEP from the child's page.
 */
export async function openChildAndPep(
	page: Page,
	member: { name: string; pepId: string }
): Promise<void> {
	await openChild(page, member.name);
	await page.locator(`[data-testid="pep-year"] a[href$="/peps/${member.pepId}"]`).first().click();
	await expect(page).toHaveURL(new RegExp(`/peps/${member.pepId}$`));
}

/** From the home screen, opens a child of the caseload by their name. */
export async function openChild(page: Page, name: string): Promise<void> {
	const link = page.getByTestId('children').getByRole('link', { name, exact: true });
	await expect(link).toBeVisible({ timeout: 30_000 });
	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}
