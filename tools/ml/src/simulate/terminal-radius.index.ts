import type { TerminalProfile } from './simulation.model';

/**
 * Finds the terminals strictly within a radius of a point. Terminals are bucketed in a grid of
 * radius-sized cells, so a query reads 3 x 3 cells instead of every terminal: the book's
 * brute force is 50M distances for its run, and quadratic in the run's size.
 */
export class TerminalRadiusIndex {
  /** Column → row → terminal ids. Nested maps, not one numeric key, so no two cells can merge. */
  private readonly grid = new Map<number, Map<number, number[]>>();

  /** `terminals[i].id` must be `i`, as `generateTerminalProfiles` makes them. */
  constructor(
    private readonly terminals: readonly TerminalProfile[],
    private readonly radius: number,
  ) {
    for (const terminal of terminals) {
      const i = this.cell(terminal.x);
      const j = this.cell(terminal.y);
      let column = this.grid.get(i);
      if (column === undefined) this.grid.set(i, (column = new Map()));
      const members = column.get(j);
      if (members) members.push(terminal.id);
      else column.set(j, [terminal.id]);
    }
  }

  /** Ids at Euclidean distance < radius, ascending (the book's `np.where(dist < r)` order). */
  within(x: number, y: number): Int32Array {
    const found: number[] = [];
    const ci = this.cell(x);
    const cj = this.cell(y);
    for (let i = ci - 1; i <= ci + 1; i++) {
      const column = this.grid.get(i);
      if (column === undefined) continue;
      for (let j = cj - 1; j <= cj + 1; j++) {
        for (const id of column.get(j) ?? []) {
          const terminal = this.terminals[id] as TerminalProfile;
          const dx = terminal.x - x;
          const dy = terminal.y - y;
          // sqrt rather than comparing squares: the same rounding as the book's formula.
          if (Math.sqrt(dx * dx + dy * dy) < this.radius) found.push(id);
        }
      }
    }
    return Int32Array.from(found).sort();
  }

  private cell(coordinate: number): number {
    return Math.floor(coordinate / this.radius);
  }
}
