import { containerEnvironment } from '../manifests/pod-environment';
import { ofKind } from '../manifests/k8s-object.model';
import type { IDeployment, K8sObject } from '../manifests/k8s-object.model';
import type { ServiceFacts } from './service-facts';

interface ServiceLike {
  readonly metadata: { readonly name: string };
  readonly spec?: { readonly ports?: readonly { port: number; targetPort?: string | number }[] };
}

/**
 * Each service in a rendered overlay against its sources: the image repository, and the port
 * (container port, HTTP_PORT, scrape annotation, Service port) equal to its config's default.
 * `exactTag`: the base must use the package version, overlays may retag.
 */
export function k8sAgreementProblems(
  overlay: string,
  objects: readonly K8sObject[],
  facts: readonly ServiceFacts[],
  exactTag: boolean,
): string[] {
  const problems: string[] = [];
  const deployments = ofKind<IDeployment>(objects, 'Deployment');
  const services = ofKind<ServiceLike>(objects, 'Service');
  for (const { service, port, version, image } of facts) {
    const who = `${overlay}: ${service}`;
    const deployment = deployments.find((d) => d.metadata?.name === service);
    const container = deployment?.spec?.template.spec?.containers[0];
    if (deployment === undefined || container === undefined) {
      problems.push(`${who} has no Deployment`);
      continue;
    }
    const expectedImage = exactTag ? `${image}:${version}` : undefined;
    const repository = (container.image ?? '').replace(/[:@][^/]*$/, '');
    if (
      expectedImage !== undefined ? container.image !== expectedImage : !repository.endsWith(image)
    )
      problems.push(
        `${who} runs image ${container.image}, expected ${expectedImage ?? `<registry>/${image}:<tag>`}`,
      );
    const http = (container.ports ?? []).find((p) => p.name === 'http');
    if (http?.containerPort !== port)
      problems.push(
        `${who}'s container port http is ${http?.containerPort ?? 'missing'}, but its config defaults HTTP_PORT to ${port}`,
      );
    const env = containerEnvironment(container, objects);
    if (env.get('HTTP_PORT') !== String(port))
      problems.push(`${who} gets HTTP_PORT=${env.get('HTTP_PORT') ?? '(unset)'}, expected ${port}`);
    const annotation = deployment.spec?.template.metadata?.annotations?.['prometheus.io/port'];
    if (annotation !== String(port))
      problems.push(
        `${who}'s prometheus.io/port annotation is ${annotation ?? 'missing'}, expected ${port}`,
      );
    const servicePort = services.find((s) => s.metadata.name === service)?.spec?.ports?.[0];
    if (servicePort === undefined) problems.push(`${who} has no Service`);
    else if (servicePort.port !== port || ![port, 'http'].includes(servicePort.targetPort ?? port))
      problems.push(
        `${who}'s Service maps ${servicePort.port} -> ${servicePort.targetPort}, expected ${port} -> http`,
      );
  }
  return problems;
}
