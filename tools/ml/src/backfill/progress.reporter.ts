export interface ProgressSnapshot {
  readonly rows: number;
  readonly elapsedSeconds: number;
  readonly rowsPerSecond: number;
}

/** Calls `report` every `everyRows` rows with throughput so far; cheap enough for the hot loop. */
export class ProgressReporter {
  private readonly startedAt = performance.now();
  private nextReportAt: number;

  constructor(
    private readonly report: (snapshot: ProgressSnapshot) => void,
    private readonly everyRows = 250_000,
  ) {
    this.nextReportAt = everyRows;
  }

  tick(rows: number): void {
    if (rows < this.nextReportAt) return;
    this.nextReportAt += this.everyRows;
    this.report(this.snapshot(rows));
  }

  snapshot(rows: number): ProgressSnapshot {
    const elapsedSeconds = (performance.now() - this.startedAt) / 1000;
    return { rows, elapsedSeconds, rowsPerSecond: elapsedSeconds > 0 ? rows / elapsedSeconds : 0 };
  }
}

export const formatProgress = ({ rows, elapsedSeconds, rowsPerSecond }: ProgressSnapshot): string =>
  `${rows} rows, ${Math.round(rowsPerSecond)} rows/s, ${elapsedSeconds.toFixed(1)} s elapsed`;
