import type {
  AliasPointer,
  ModelListing,
  ModelManifest,
  VersionSummary,
} from '@rtml/model-registry';

const metric = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : value.toFixed(3);

const row = (cells: readonly string[], widths: readonly number[]): string =>
  cells
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();

/** `list`: one row per version, oldest first, with the aliases pointing at it. */
export function formatListing(listing: ModelListing, bucket: string): string[] {
  const count = listing.versions.length;
  const heading = `model ${listing.name} in s3://${bucket}: ${count} version${count === 1 ? '' : 's'}`;
  if (count === 0) return [heading];
  const header = ['VERSION', 'CREATED', 'AUC', 'AVG-PREC', 'THRESH-F1', 'ALIASES'];
  const rows = listing.versions.map(versionCells);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [heading, ...[header, ...rows].map((cells) => `  ${row(cells, widths)}`)];
}

function versionCells(summary: VersionSummary): string[] {
  if (summary.problem !== null) {
    return [
      summary.version,
      'INVALID',
      '-',
      '-',
      '-',
      `${summary.aliases.join(',')} ${summary.problem}`.trim(),
    ];
  }
  const metrics = summary.metrics;
  return [
    summary.version,
    summary.createdAt ?? '-',
    metric(metrics?.auc),
    metric(metrics?.averagePrecision),
    metric(metrics?.atThreshold.f1),
    summary.aliases.join(','),
  ];
}

/** `show`: the facts an operator checks before promoting; the full manifest is in the JSON line. */
export function formatManifest(manifest: ModelManifest): string[] {
  const { featureSet, input, output, threshold, metrics, trainingData, origin } = manifest;
  return [
    `model ${manifest.name} version ${manifest.version} (${manifest.modelType}), created ${manifest.createdAt}`,
    ...(origin === undefined
      ? []
      : [
          `  imported     ${origin.file}, produced by ${origin.producer} ${origin.producerVersion}`,
        ]),
    `  feature set  ${featureSet.name} v${featureSet.version}: ${manifest.featureNames.join(', ')}`,
    `  tensors      ${input.name} [n, ${input.shape[1]}] -> ${output.name} [n, ${output.shape[1]}]`,
    `  threshold    ${threshold.value} (${threshold.rule})`,
    metrics === null
      ? '  metrics      none (imported without evaluation data)'
      : `  metrics      ${metrics.period.from}..${metrics.period.to}: auc ${metric(metrics.auc)}, ` +
        `avg precision ${metric(metrics.averagePrecision)}, f1 at threshold ${metric(metrics.atThreshold.f1)}`,
    trainingData === null
      ? '  trained on   not declared'
      : `  trained on   ${trainingData.from}..${trainingData.to}, ${trainingData.rows} rows from ${trainingData.source}`,
    `  sha256       ${manifest.modelSha256}`,
  ];
}

/** `promote`: where the alias moved. */
export function formatPromotion(name: string, pointer: AliasPointer): string {
  const from = pointer.previous === null ? 'unset' : `version ${pointer.previous}`;
  return `${pointer.alias} of ${name}: ${from} -> version ${pointer.version} (sha256 ${pointer.sha256})`;
}
