/**
 * Where the person on this device is in signing in, and the steps allowed between those places:
 *   starting      → we do not know yet who is signed in;
 *   signed-out    → the sign-in page;
 *   set-passcode  → signed in online for the first time on this device: choose a passcode;
 *   locked        → the passcode unlocks the data key (at every start, and after the idle lock);
 *   unlocked      → the key is in memory, the record and drafts are open, sync runs.
 * The screens follow the phase (`gates.ts`); a step that skips the key (straight to unlocked from
 * sign-in, say) is refused, so a slip in the session can never show data that was not unlocked.
 */
export type Phase = 'starting' | 'signed-out' | 'set-passcode' | 'locked' | 'unlocked';

/** Where each phase may go next. Staying where one is, is always allowed. */
const nextPhases: Record<Phase, readonly Phase[]> = {
	// Online, the server says who is signed in; offline, the device says who last was.
	starting: ['signed-out', 'set-passcode', 'locked'],
	// A sign-in, or a start again after a sign-out.
	'signed-out': ['set-passcode', 'locked'],
	// Every phase past signing in can sign out, or have its data removed.
	'set-passcode': ['unlocked', 'signed-out'],
	locked: ['unlocked', 'signed-out'],
	unlocked: ['locked', 'signed-out']
};

export class PhaseGate {
	#phase = $state<Phase>('starting');

	get phase(): Phase {
		return this.#phase;
	}

	/** True once we know whether anyone is signed in. */
	get ready(): boolean {
		return this.#phase !== 'starting';
	}

	canMoveTo(next: Phase): boolean {
		return next === this.#phase || nextPhases[this.#phase].includes(next);
	}

	/** Moves to `next`, or throws if no step leads there from here. */
	moveTo(next: Phase): void {
		if (!this.canMoveTo(next)) {
			throw new Error(`The app cannot go from ${this.#phase} to ${next}.`);
		}
		this.#phase = next;
	}
}
