import { describe, expect, it } from 'vitest';
import { watchPointer } from './pointer-release';

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('waiting for the pointer to be released', () => {
	it('goes ahead at once when nothing is pressed', async () => {
		const page = new EventTarget();
		const watch = watchPointer(page);
		let done = false;
		void watch.released().then(() => (done = true));
		await settle();
		expect(done).toBe(true);
	});

	it('waits while a button is down, and goes ahead once it comes up', async () => {
		const page = new EventTarget();
		const watch = watchPointer(page);
		page.dispatchEvent(new Event('pointerdown'));
		let done = false;
		void watch.released().then(() => (done = true));
		await settle();
		expect(done).toBe(false);
		page.dispatchEvent(new Event('pointerup'));
		await settle();
		expect(done).toBe(true);
	});

	it('goes ahead when the browser cancels the press', async () => {
		const page = new EventTarget();
		const watch = watchPointer(page);
		page.dispatchEvent(new Event('pointerdown'));
		const released = watch.released();
		page.dispatchEvent(new Event('pointercancel'));
		await expect(released).resolves.toBeUndefined();
	});

	it('does not wait for ever when the release is never seen', async () => {
		const page = new EventTarget();
		const watch = watchPointer(page, 10);
		page.dispatchEvent(new Event('pointerdown'));
		await expect(watch.released()).resolves.toBeUndefined();
	});
});
