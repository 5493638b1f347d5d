/**
 * Named moments in the app's own clock (the browser's User Timing marks), for the benchmarks and
 * a browser's performance panel to say where the time of a start or an unlock goes. A mark costs
 * next to nothing, and a browser without the API simply has none.
 */
export function markTime(name: string): void {
	try {
		performance.mark(name);
	} catch {
		// Marks are only ever for measuring: never a reason for the app to fail.
	}
}
