import NodeEnvironment from 'jest-environment-node';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';

/**
 * Jest's node environment plus the host realm's Float32Array, for specs that run ONNX Runtime.
 *
 * Why: Jest runs each spec in its own VM realm, but onnxruntime-node's native binding allocates
 * output tensors in the host realm, and onnxruntime-common checks `data instanceof Float32Array`
 * against the spec realm's constructor, so every `session.run` fails with "A float32 tensor's
 * data must be type of function Float32Array()". Sharing the one constructor makes both sides
 * agree. Opt in per spec file with the docblock
 * `@jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts`.
 */
export default class OnnxRuntimeEnvironment extends NodeEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.global.Float32Array = Float32Array;
  }
}
