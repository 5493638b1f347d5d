import { describe, expect, it } from 'vitest';
import { inGroups, jsonRowsResponse } from './json-stream';

async function* groupsFrom<T>(groups: T[][], read: number[] = []) {
	for (const [i, group] of groups.entries()) {
		read.push(i);
		yield group;
	}
}

const rows = (n: number, from = 0) =>
	Array.from({ length: n }, (_, i) => ({ id: `doc${from + i}`, text: 'é "quoted" \n ✓', n: i }));

describe('a JSON answer written a group of rows at a time', () => {
	it('is byte for byte what JSON.stringify gives for the whole answer', async () => {
		const cases = [
			[],
			[[]],
			[rows(1)],
			[rows(3), [], rows(2, 3)],
			[[], [], rows(1)],
			[rows(50), rows(50, 50)]
		];
		for (const groups of cases) {
			const answer = await jsonRowsResponse('{"results":[', groupsFrom(groups), ']}');
			expect(await answer.text()).toBe(JSON.stringify({ results: groups.flat() }));
		}
	});

	it('takes its tail when the rows are done, and the status and headers it is given', async () => {
		let total = 0;
		const counted = async function* () {
			for (const group of [rows(2), rows(3, 2)]) {
				total += group.length;
				yield group;
			}
		};
		const answer = await jsonRowsResponse('{"rows":[', counted(), () => `],"total":${total}}`, {
			status: 201,
			headers: { 'x-extra': 'yes' }
		});
		expect(answer.status).toBe(201);
		expect(answer.headers.get('content-type')).toBe('application/json');
		expect(answer.headers.get('x-extra')).toBe('yes');
		expect(JSON.parse(await answer.text())).toEqual({
			rows: [...rows(2), ...rows(3, 2)],
			total: 5
		});
	});

	it('reads the first group before it answers, and each next one only as the last is taken', async () => {
		const read: number[] = [];
		const answer = await jsonRowsResponse('[', groupsFrom([rows(1), rows(1), rows(1)], read), ']');
		expect(read).toEqual([0]);
		const reader = answer.body!.getReader();
		await reader.read();
		expect(read.length).toBeLessThanOrEqual(2);
		while (!(await reader.read()).done);
		expect(read).toEqual([0, 1, 2]);
	});

	it('fails before answering when the first group cannot be read', async () => {
		const failing: AsyncIterable<unknown[]> = {
			[Symbol.asyncIterator]: () => ({
				next: () => Promise.reject(new Error('the store is gone'))
			})
		};
		await expect(jsonRowsResponse('[', failing, ']')).rejects.toThrow('the store is gone');
	});

	it('cuts the answer short when a later group cannot be read', async () => {
		const failing = async function* () {
			yield rows(1);
			throw new Error('the store is gone');
		};
		const answer = await jsonRowsResponse('[', failing(), ']');
		await expect(answer.text()).rejects.toThrow('the store is gone');
	});

	it('stops reading when the client goes away', async () => {
		let finished = false;
		const endless = async function* () {
			try {
				for (let i = 0; ; i += 1) yield rows(1, i);
			} finally {
				finished = true;
			}
		};
		const answer = await jsonRowsResponse('[', endless(), ']');
		const reader = answer.body!.getReader();
		await reader.read();
		await reader.cancel();
		expect(finished).toBe(true);
	});

	it('hands out a list in memory a group at a time', async () => {
		const groups: number[][] = [];
		for await (const group of inGroups([1, 2, 3, 4, 5], 2)) groups.push(group);
		expect(groups).toEqual([[1, 2], [3, 4], [5]]);
	});
});
