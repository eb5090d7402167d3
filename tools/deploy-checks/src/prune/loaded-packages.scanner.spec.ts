import { packageOfSpecifier, scanLoadedPackages } from './loaded-packages.scanner';

describe('scanLoadedPackages', () => {
  it('finds the packages compiled CommonJS requires and dynamically imports', () => {
    const compiled = [
      'const common_1 = require("@nestjs/common");',
      "const kafkajs_1 = require('kafkajs');",
      'const deep = require("@aws-sdk/client-s3/dist-cjs/index.js");',
      'const later = () => import("pino");',
    ].join('\n');
    expect([...scanLoadedPackages(compiled).packages].sort()).toEqual([
      '@aws-sdk/client-s3',
      '@nestjs/common',
      'kafkajs',
      'pino',
    ]);
  });

  it('ignores relative files and Node builtins', () => {
    const compiled =
      'require("./ingest.module"); require("../x"); require("node:fs"); require("path");';
    expect([...scanLoadedPackages(compiled).packages]).toEqual([]);
  });

  it('counts loads whose target it cannot know', () => {
    const loads = scanLoadedPackages(
      'const m = require(name); import(`./${file}`); require("zod");',
    );
    expect(loads.computedLoads).toBe(2);
    expect([...loads.packages]).toEqual(['zod']);
  });
});

describe('packageOfSpecifier', () => {
  it('keeps the scope of scoped packages and drops subpaths', () => {
    expect(packageOfSpecifier('@rtml/contracts/testing')).toBe('@rtml/contracts');
    expect(packageOfSpecifier('rxjs/operators')).toBe('rxjs');
    expect(packageOfSpecifier('node:child_process')).toBeUndefined();
  });
});
