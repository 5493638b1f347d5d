/**
 * Leaving a field commits it, and a commit can show or clear errors that move the page. Focus
 * leaves a field when the mouse button goes down on the next one, so a commit that finished
 * before the button came up would move that next field from under the pointer and the click
 * would miss it (a radio that "does not take" the click). Work that moves the page therefore
 * waits until the button is released and the click has landed.
 */

/** Longest wait for a release, so a drag that never ends still commits. */
const longestWait = 3_000;

export interface PointerWatch {
	/** Resolves at once with no button down, else just after the button comes up. */
	released(): Promise<void>;
}

export function watchPointer(target: EventTarget, wait = longestWait): PointerWatch {
	let pressed = false;
	let waiting: (() => void)[] = [];
	const release = () => {
		pressed = false;
		const resolve = waiting;
		waiting = [];
		// After the click that follows the button coming up, in this same task.
		setTimeout(() => resolve.forEach((r) => r()), 0);
	};
	target.addEventListener('pointerdown', () => (pressed = true), true);
	target.addEventListener('pointerup', release, true);
	target.addEventListener('pointercancel', release, true);
	return {
		released() {
			if (!pressed) return Promise.resolve();
			return new Promise((resolve) => {
				waiting.push(resolve);
				setTimeout(resolve, wait);
			});
		}
	};
}

// Watched from the moment the app loads: focus leaves on the press, so it must already be known.
const pagePointer: PointerWatch | null =
	typeof document === 'undefined' ? null : watchPointer(document);

/** Runs `work` once no mouse button or finger is pressed on the page. */
export async function whenPointerReleased<T>(work: () => Promise<T> | T): Promise<T> {
	await pagePointer?.released();
	return work();
}
