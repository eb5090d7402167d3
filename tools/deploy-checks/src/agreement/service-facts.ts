import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_IDS } from '@rtml/contracts';
import type { ServiceId } from '@rtml/contracts';
import { defaultHttpPort } from '../sources/service-port.reader';
import { ROOT } from '../workspace/workspace.paths';

/** What the services' own sources say, against which every deployment file is checked. */
export interface ServiceFacts {
  readonly service: ServiceId;
  /** The default HTTP port (baseServiceFields in the service's config). */
  readonly port: number;
  /** The service's package version: the image tag compose and the k8s base use. */
  readonly version: string;
  /** The image repository, without registry or tag. */
  readonly image: string;
}

export const serviceFacts = (service: ServiceId): ServiceFacts => ({
  service,
  port: defaultHttpPort(service),
  version: (
    JSON.parse(readFileSync(join(ROOT, 'services', service, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version,
  image: `rtml/${service}`,
});

export const allServiceFacts = (): ServiceFacts[] => SERVICE_IDS.map(serviceFacts);
