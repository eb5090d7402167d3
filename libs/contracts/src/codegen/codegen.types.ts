/** One schema file, parsed but not yet trusted: the code generator validates what it reads. */
export interface SchemaSource {
  /** The file name, for error messages and for naming the generated constant. */
  readonly file: string;
  readonly schema: unknown;
}

export interface FieldDecl {
  readonly name: string;
  readonly doc: string;
  readonly tsType: string;
  /** JSON text of the Avro default, if any; only compared, never emitted. */
  readonly defaultJson: string | undefined;
}

export interface RecordDecl {
  readonly kind: 'record';
  readonly fullName: string;
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly FieldDecl[];
}

export interface EnumDecl {
  readonly kind: 'enum';
  readonly fullName: string;
  readonly name: string;
  readonly doc: string;
  readonly symbols: readonly string[];
}

/** A named Avro type that becomes a TypeScript declaration (fixed types become `Buffer`). */
export type NamedTypeDecl = RecordDecl | EnumDecl;
