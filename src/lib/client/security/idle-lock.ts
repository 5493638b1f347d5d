/**
 * When to lock: after `afterMs` with no touch, key or pointer, and when the app comes back after
 * being hidden (another app, the screen off) for that long. Timers in a hidden tab may not run
 * on time, so coming back is checked against the clock rather than trusted to a timer.
 */
const activity = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart', 'scroll'] as const;

export function watchIdle(afterMs: number, onIdle: () => void): () => void {
	let last = Date.now();
	let timer: ReturnType<typeof setTimeout> | null = null;
	let stopped = false;

	const fire = () => {
		if (stopped) return;
		stop();
		onIdle();
	};
	const arm = () => {
		if (timer) clearTimeout(timer);
		timer = setTimeout(fire, Math.max(0, afterMs - (Date.now() - last)));
	};
	const touched = () => {
		last = Date.now();
		arm();
	};
	const visibility = () => {
		if (document.visibilityState === 'visible' && Date.now() - last >= afterMs) fire();
	};

	for (const event of activity)
		window.addEventListener(event, touched, { capture: true, passive: true });
	document.addEventListener('visibilitychange', visibility);
	arm();

	function stop() {
		stopped = true;
		if (timer) clearTimeout(timer);
		for (const event of activity) window.removeEventListener(event, touched, { capture: true });
		document.removeEventListener('visibilitychange', visibility);
	}
	return stop;
}
