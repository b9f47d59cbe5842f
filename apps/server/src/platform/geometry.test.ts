import { describe, expect, it } from 'vitest';
import { normalisePolygonal } from './geometry.js';

describe('normalisePolygonal', () => {
  it('keeps a valid square as a one-polygon MultiPolygon', () => {
    const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    const result = normalisePolygonal(square)!;
    expect(result.type).toBe('MultiPolygon');
    expect(result.coordinates).toHaveLength(1);
    expect(result.coordinates[0]![0]).toHaveLength(5);
  });

  it('splits a self-intersecting "bow tie" into two valid polygons', () => {
    const bowTie = { type: 'Polygon' as const, coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] };
    const result = normalisePolygonal(bowTie)!;
    expect(result.coordinates).toHaveLength(2);
  });

  it('returns null when no area is left', () => {
    const line = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 1], [0, 0]]] };
    expect(normalisePolygonal(line)).toBeNull();
  });
});
