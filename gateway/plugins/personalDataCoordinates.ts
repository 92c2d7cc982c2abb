import { Kind, parse } from 'graphql';

/** Where personal data is in a supergraph: types marked `@personalData` and fields so marked. */
export interface PersonalDataCoordinates {
  types: ReadonlySet<string>;
  /** `Type.field` */
  fields: ReadonlySet<string>;
}

const marked = (directives: readonly { name: { value: string } }[] | undefined) =>
  (directives ?? []).some((directive) => directive.name.value === 'personalData');

/**
 * Reads the composed `@personalData` marks out of the supergraph SDL. The gateway's API
 * schema drops directive applications, so the gateway keeps this map beside it and renews it
 * on every supergraph (re)load.
 */
export function personalDataCoordinates(supergraphSdl: string): PersonalDataCoordinates {
  const types = new Set<string>();
  const fields = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    if (marked(definition.directives)) types.add(typeName);
    for (const field of definition.fields ?? []) {
      if (marked(field.directives)) fields.add(`${typeName}.${field.name.value}`);
    }
  }
  return { types, fields };
}
