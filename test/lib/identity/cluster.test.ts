import fc from 'fast-check';
import { clusterLinks, type Link } from '../../../lib/identity';

describe('clusterLinks', () => {
	it('forms connected components and records the link that attached each record', () => {
		const links: Link[] = [
			{ i: 0, j: 1, weight: 10, pair: 0 },
			{ i: 1, j: 2, weight: 5, pair: 1 },
			{ i: 3, j: 4, weight: Infinity, rule: 'email', pair: -1 },
		];
		const r = clusterLinks(6, links, { maxClusterSize: 100 });
		expect(r.clusters).toBe(3);
		expect(r.clusterOf[0]).toBe(r.clusterOf[2]);
		expect(r.clusterOf[3]).toBe(r.clusterOf[4]);
		expect(r.linkOf[3]).toBe(2);
		expect(r.linkOf[5]).toBe(-1);
	});

	it('refuses a weak link that would chain two clusters whose members disagree', () => {
		const links: Link[] = [
			{ i: 0, j: 1, weight: 20, pair: 0 },
			{ i: 2, j: 3, weight: 20, pair: 1 },
			{ i: 1, j: 2, weight: 5, pair: 2 },
		];
		const probability = (i: number, j: number): number => ((i < 2) === (j < 2) ? 1 : i === 1 && j === 2 ? 0.97 : 0.01);
		const guarded = clusterLinks(4, links, { maxClusterSize: 100, pairProbability: probability });
		expect(guarded.clusters).toBe(2);
		expect(guarded.rejected.chaining).toBe(1);
		expect(clusterLinks(4, links, { maxClusterSize: 100 }).clusters).toBe(1);
	});

	it('is a partition that does not depend on the order of the links', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(19), fc.nat(19), fc.integer({ min: 1, max: 50 })), { maxLength: 40 }), (edges) => {
				const links: Link[] = edges.map(([i, j, w], k) => ({ i, j, weight: w, pair: k }));
				const a = clusterLinks(20, links, { maxClusterSize: 1000 });
				const b = clusterLinks(20, [...links].reverse(), { maxClusterSize: 1000 });
				for (let x = 0; x < 20; x++) for (let y = 0; y < 20; y++) expect(a.clusterOf[x] === a.clusterOf[y]).toBe(b.clusterOf[x] === b.clusterOf[y]);
				for (const l of links) expect(a.clusterOf[l.i]).toBe(a.clusterOf[l.j]);
			}),
			{ numRuns: 50 },
		);
	});
});
