import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { phone, signedInPage, tablet, visit } from './support/session';

/** Moves focus with Tab alone until it reaches `target`: proof it can be reached by keyboard. */
async function tabTo(page: Page, target: Locator) {
	for (let presses = 0; presses < 40; presses++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target.toString()}`);
}

/** Scans at a phone's size and at a tablet's, and leaves the page at a phone's. */
async function scanAtBothSizes(page: Page) {
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
}

/** Every control on the page is at least 44 by 44 pixels: made for a thumb. */
async function expectLargeTargets(page: Page) {
	const small = await page
		.locator('main a, main button, main textarea, main input')
		.evaluateAll((els) =>
			els
				.map((el) => ({ el, box: el.getBoundingClientRect() }))
				.filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
				.map(({ el, box }) => `${el.textContent?.trim() || el.id} ${box.width}×${box.height}`)
		);
	expect(small).toEqual([]);
}

test('a young person completes My Voice on a phone with the keyboard alone, partly offline, and their social worker reads it', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const about = `I like drawing and football ${Date.now()}`;
	const goingWell = 'Art, and my new friends in form.';

	const { context, page } = await signedInPage(browser, 'young-person@example.org', phone);
	// Home leads straight to My Voice for the current PEP.
	const start = page.getByRole('link', { name: 'My Voice: your views' });
	await expect(start).toBeVisible({ timeout: 30_000 });
	await scanAtBothSizes(page);
	await tabTo(page, start);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Your views for your PEP meeting'
	);
	const voiceUrl = page.url();
	await scanAtBothSizes(page);
	await expectLargeTargets(page);
	await page.evaluate(() => navigator.serviceWorker.ready);

	await tabTo(page, page.getByRole('link', { name: /^(Start|Carry on)/ }));
	await page.keyboard.press('Enter');

	// Question 1: typed, then Continue, all by keyboard.
	const answer = page.getByRole('textbox');
	await expect(page.getByText('Question 1 of 9')).toBeVisible();
	await tabTo(page, answer);
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(about);
	await scanAtBothSizes(page);
	await expectLargeTargets(page);
	await tabTo(page, page.getByRole('button', { name: 'Continue' }));
	await page.keyboard.press('Enter');

	// The signal drops: question 2 is answered offline, and saved on the phone.
	await expect(page.getByText('Question 2 of 9')).toBeVisible();
	await context.setOffline(true);
	await tabTo(page, answer);
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(goingWell);
	await expect(page.getByTestId('save-status')).toContainText('Saved on this device');
	await tabTo(page, page.getByRole('button', { name: 'Continue' }));
	await page.keyboard.press('Enter');

	// Question 3: whatever was there is cleared, and the question kept for the meeting.
	await expect(page.getByText('Question 3 of 9')).toBeVisible();
	await tabTo(page, answer);
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Delete');
	const talk = page.getByLabel('I’d rather talk about this at the meeting');
	await tabTo(page, talk);
	if (!(await talk.isChecked())) await page.keyboard.press('Space');
	await expect(talk).toBeChecked();
	await tabTo(page, page.getByRole('button', { name: 'Continue' }));
	await page.keyboard.press('Enter');

	// The rest are skipped.
	for (let n = 4; n <= 9; n++) {
		await expect(page.getByText(`Question ${n} of 9`)).toBeVisible();
		await tabTo(page, page.getByRole('link', { name: 'Skip this question' }));
		await page.keyboard.press('Enter');
	}

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
	await expect(page.getByTestId('answer-aboutMe')).toHaveText(about);
	await expect(page.getByTestId('answer-goingWell')).toHaveText(goingWell);
	await expect(page.getByTestId('answer-findingHard')).toContainText('At the meeting');
	await expect(page.getByTestId('sync-status')).toContainText('Offline');
	await scanAtBothSizes(page);
	await expectLargeTargets(page);

	// Back online, they send their answers.
	await context.setOffline(false);
	await tabTo(page, page.getByRole('button', { name: 'Send my answers' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you');
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// Their targets, in plain words, and nothing else of the PEP.
	await visit(page, voiceUrl.replace(/\/my-voice$/, '/my-targets'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your targets');
	await scanAtBothSizes(page);

	// The social worker, on another device, reads what they wrote.
	const worker = await signedInPage(browser, 'social-worker@example.org');
	await visit(worker.page, `${voiceUrl}/check`);
	await expect(worker.page.getByTestId('answer-aboutMe')).toHaveText(about, { timeout: 60_000 });
	await expect(worker.page.getByTestId('answer-goingWell')).toHaveText(goingWell);
	await expect(worker.page.getByTestId('answer-findingHard')).toContainText(
		'rather talk about this at the meeting'
	);
	await expect(worker.page.getByRole('link', { name: /^Change/ })).toHaveCount(0);
	await expectNoAxeViolations(worker.page);

	await Promise.all([context.close(), worker.context.close()]);
});
