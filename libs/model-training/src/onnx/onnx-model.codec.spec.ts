import { MODEL_PROTO } from './onnx.schema';
import { decodeOnnxModel, encodeOnnxModel, readOnnxMetadata } from './onnx-model.codec';
import type { OnnxModel } from './onnx-model.types';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('the ONNX wire format', () => {
  it('uses onnx.proto field numbers: ir_version 1, graph 7, metadata_props 14', () => {
    const bytes = MODEL_PROTO.encode(
      MODEL_PROTO.fromObject({ irVersion: 8, metadataProps: [{ key: 'k', value: 'v' }] }),
    ).finish();
    // 08 08: field 1 varint 8 | 72 06: field 14, 6 bytes | 0a 01 'k' 12 01 'v'
    expect(hex(bytes)).toBe('0808' + '7206' + '0a016b' + '120176');
  });

  it('encodes node, attribute and tensor fields as onnx.proto numbers them', () => {
    const model = {
      graph: {
        node: [
          {
            opType: 'X',
            attribute: [{ name: 'a', type: 4, t: { dataType: 11, dims: [1], doubleData: [1] } }],
          },
        ],
      },
    };
    const tensor = '0a0101' + '100b' + '5208' + '000000000000f03f'; // dims 1, data_type 2, double_data 10
    const attribute = '0a0161' + '2a0f' + tensor + 'a00104'; // name 1, t 5, type 20
    const node = '220158' + '2a17' + attribute; // op_type 4, attribute 5
    const graph = '0a1c' + node; // node 1
    expect(hex(MODEL_PROTO.encode(MODEL_PROTO.fromObject(model)).finish())).toBe('3a1e' + graph);
  });
});

describe('encodeOnnxModel / decodeOnnxModel', () => {
  const model: OnnxModel = {
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producerName: 'test',
    producerVersion: '1',
    graph: {
      name: 'g',
      node: [{ name: 'n', opType: 'Sigmoid', domain: '', input: ['x'], output: ['y'] }],
      input: [
        {
          name: 'x',
          type: {
            tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 3 }] } },
          },
        },
      ],
      output: [],
    },
    metadataProps: [{ key: 'rtml.model_type', value: 'gbdt' }],
  };

  it('reads back what it wrote', () => {
    const decoded = decodeOnnxModel(encodeOnnxModel(model));
    expect(
      decoded.opsetImport.map((o) => ({ domain: o.domain ?? '', version: o.version })),
    ).toEqual(model.opsetImport);
    expect(decoded).toMatchObject({
      irVersion: 8,
      graph: { name: 'g', node: [{ opType: 'Sigmoid', input: ['x'], output: ['y'] }] },
    });
    expect(decoded.graph.input[0]?.type.tensorType.shape.dim).toEqual([
      { dimParam: 'N' },
      { dimValue: 3 },
    ]);
  });

  it('exposes metadata_props as a record', () => {
    expect(readOnnxMetadata(encodeOnnxModel(model))).toEqual({ 'rtml.model_type': 'gbdt' });
  });
});
