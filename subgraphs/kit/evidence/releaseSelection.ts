import { getNamedType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';

/** Deep enough for a disclosure's originator → persons → fields. */
const MAX_DEPTH = 4;

/**
 * Every field of `typeName` a release can carry, as a selection set: leaves by name, objects
 * recursively (a type already on the path is not entered again), a federated `Wallet` by its
 * id alone — the other members' parts of a wallet are theirs, not this release's. Fields with
 * required arguments are left out. Returns the selection and the object types it enters,
 * which are the coordinates whose minimisation belongs to the item.
 */
export function releaseSelection(
  schema: GraphQLSchema,
  typeName: string,
): { selection: string; types: Set<string> } {
  const types = new Set<string>();
  const walk = (type: GraphQLObjectType, path: readonly string[]): string => {
    types.add(type.name);
    if (type.name === 'Wallet') return '{ id }';
    const fields: string[] = [];
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) {
        continue;
      }
      const named = getNamedType(field.type);
      if (isLeafType(named)) fields.push(field.name);
      else if (isObjectType(named) && !path.includes(named.name) && path.length < MAX_DEPTH) {
        fields.push(`${field.name} ${walk(named, [...path, named.name])}`);
      }
    }
    return `{ ${fields.join(' ')} }`;
  };
  const root = schema.getType(typeName);
  if (!isObjectType(root)) throw new Error(`the schema has no object type ${typeName}`);
  return { selection: walk(root, [typeName]), types };
}
