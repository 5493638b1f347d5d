import { describe, expect, it } from 'vitest';
import { PhaseGate, type Phase } from './phase-gate.svelte';

/** A gate walked through `steps` from the start. */
function gateAfter(...steps: Phase[]): PhaseGate {
	const gate = new PhaseGate();
	for (const step of steps) gate.moveTo(step);
	return gate;
}

describe('the phase gate', () => {
	it('starts not knowing who is signed in', () => {
		const gate = new PhaseGate();
		expect(gate.phase).toBe('starting');
		expect(gate.ready).toBe(false);
	});

	it('is ready once the start has found where the person is', () => {
		for (const found of ['signed-out', 'set-passcode', 'locked'] as const) {
			const gate = gateAfter(found);
			expect(gate.phase).toBe(found);
			expect(gate.ready).toBe(true);
		}
	});

	it('goes from a first sign-in through the passcode to unlocked, and back to locked', () => {
		const gate = gateAfter('signed-out', 'set-passcode', 'unlocked', 'locked', 'unlocked');
		expect(gate.phase).toBe('unlocked');
	});

	it('lets every phase past the start sign out, or have its data removed', () => {
		for (const from of [['signed-out'], ['locked'], ['set-passcode'], ['locked', 'unlocked']]) {
			const gate = gateAfter(...(from as Phase[]));
			gate.moveTo('signed-out');
			expect(gate.phase).toBe('signed-out');
		}
		expect(gateAfter('signed-out', 'locked').phase).toBe('locked');
	});

	it('lets a phase stay where it is', () => {
		const gate = gateAfter('locked', 'unlocked');
		gate.moveTo('unlocked');
		expect(gate.phase).toBe('unlocked');
	});

	it('refuses to unlock without the key', () => {
		for (const from of [[], ['signed-out']] as Phase[][]) {
			const gate = gateAfter(...from);
			expect(gate.canMoveTo('unlocked')).toBe(false);
			expect(() => gate.moveTo('unlocked')).toThrow(/cannot go from .* to unlocked/);
			expect(gate.phase).toBe(from.at(-1) ?? 'starting');
		}
	});

	it('never goes back to the start, nor asks an unlocked person for a new passcode', () => {
		expect(() => gateAfter('signed-out').moveTo('starting')).toThrow();
		expect(() => gateAfter('locked', 'unlocked').moveTo('set-passcode')).toThrow();
		expect(() => gateAfter('locked').moveTo('set-passcode')).toThrow();
	});
});
