/**
 * Writes k8s/base/<service>/autoscaling.generated.yaml for every service from the contracts
 * catalog and the scaling policy:  npx nx run deploy-checks:generate
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedAutoscalingFiles } from './autoscaling-files';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

for (const [file, content] of generatedAutoscalingFiles()) {
  writeFileSync(join(ROOT, file), content);
  console.log(`wrote ${file}`);
}
