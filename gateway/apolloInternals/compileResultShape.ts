import {
  Kind,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import type {
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLNamedType,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/**
 * An operation's selections, resolved against the API schema once, so that shaping a
 * response walks plain data instead of looking types and directives up for every value.
 * The structure follows the document (fragments stay nested where they were written) because
 * the shaping reproduces @apollo/gateway's own pass over the operation, step for step.
 */
export type ShapeSelection =
  | { kind: 'typename'; responseName: string }
  | { kind: 'field'; responseName: string; value: ValueShape }
  | {
      kind: 'fragment';
      /** null: an inline fragment without a type condition, which always applies. */
      condition: GraphQLCompositeType | null;
      selections: ShapeSelection[];
      /** Whether the condition applies, by the runtime type name it was asked for. */
      applies: Map<string, boolean>;
    };

/** `selects`: the field has a selection set (its named type is composite). */
export type ValueShape =
  | { kind: 'nonNull'; selects: boolean; ofType: ValueShape; ofTypeName: string }
  | { kind: 'list'; selects: boolean; ofType: ValueShape; typeName: string; ofTypeName: string }
  | { kind: 'composite'; selects: true; type: GraphQLCompositeType; selections: ShapeSelection[] }
  | { kind: 'leaf'; selects: false; typeName: string; isValid: (value: unknown) => boolean };

export interface ResultShape {
  schema: GraphQLSchema;
  rootType: GraphQLCompositeType;
  selections: ShapeSelection[];
}

/** Why an operation is left to @apollo/gateway's own execution. */
export class UnsupportedOperation extends Error {}

/**
 * Whether every plain object inherits a property of this name (`constructor`, `toString`,
 * `__proto__`). The executor builds responses and representations of plain objects, where
 * such a key would read or set the inherited property instead of one of its own: operations
 * and plans that use one keep Apollo's executor.
 */
export const isInheritedName = (name: string): boolean => name in Object.prototype;

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/**
 * Which values a leaf type accepts in a subgraph's answer: what @apollo/gateway's
 * `isValidLeafValue` accepts, decided once per type instead of once per value.
 */
function leafCheck(type: GraphQLNamedType): (value: unknown) => boolean {
  const integer = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && INTEGER.test(String(value));
  if (isSpecifiedScalarType(type)) {
    switch (type.name) {
      case 'Boolean':
        return (v) => typeof v === 'boolean';
      case 'Int':
        return integer;
      case 'ID':
        return (v) => typeof v === 'string' || integer(v);
      case 'Float':
        return (v) => typeof v === 'number' && Number.isFinite(v);
      default:
        return (v) => typeof v === 'string';
    }
  }
  if (isEnumType(type)) {
    const names = new Set(type.getValues().map((value) => value.name));
    return (v) => typeof v === 'string' && names.has(v);
  }
  // A custom scalar passes as the subgraph sent it.
  return () => true;
}

/**
 * Compiles the shape of `operation` against `schema` (the API schema). Throws
 * `UnsupportedOperation` for what this executor leaves to @apollo/gateway: directives
 * (`@skip`, `@include`, `@defer`), introspection, subscriptions, and response names that
 * `Object.prototype` holds.
 */
export function compileResultShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): ResultShape {
  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : null;
  if (!rootType) throw new UnsupportedOperation(`${operation.operation} operation`);
  const leafChecks = new Map<string, (value: unknown) => boolean>();

  const valueShape = (type: GraphQLOutputType, selectionSet?: SelectionSetNode): ValueShape => {
    if (isNonNullType(type)) {
      const ofType = valueShape(type.ofType, selectionSet);
      return { kind: 'nonNull', selects: ofType.selects, ofType, ofTypeName: String(type.ofType) };
    }
    if (isListType(type)) {
      const ofType = valueShape(type.ofType, selectionSet);
      return {
        kind: 'list',
        selects: ofType.selects,
        ofType,
        typeName: String(type),
        ofTypeName: String(type.ofType),
      };
    }
    if (isCompositeType(type)) {
      if (!selectionSet) throw new UnsupportedOperation(`no selections on ${type.name}`);
      return { kind: 'composite', selects: true, type, selections: selections(type, selectionSet) };
    }
    if (selectionSet) throw new UnsupportedOperation(`selections on ${type.name}`);
    let isValid = leafChecks.get(type.name);
    if (!isValid) leafChecks.set(type.name, (isValid = leafCheck(type)));
    return { kind: 'leaf', selects: false, typeName: type.name, isValid };
  };

  const selections = (
    parentType: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
  ): ShapeSelection[] =>
    selectionSet.selections.map((selection): ShapeSelection => {
      if (selection.directives && selection.directives.length > 0) {
        throw new UnsupportedOperation('directives');
      }
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const responseName = selection.alias?.value ?? name;
        if (isInheritedName(responseName)) {
          throw new UnsupportedOperation(`response name ${responseName}`);
        }
        if (name === '__typename') return { kind: 'typename', responseName };
        if (name.startsWith('__')) throw new UnsupportedOperation('introspection');
        if (isUnionType(parentType)) throw new UnsupportedOperation(`${name} on a union`);
        const field = parentType.getFields()[name];
        if (!field) throw new UnsupportedOperation(`no field ${parentType.name}.${name}`);
        return {
          kind: 'field',
          responseName,
          value: valueShape(field.type, selection.selectionSet),
        };
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment) throw new UnsupportedOperation('unknown fragment');
      if (fragment.directives && fragment.directives.length > 0) {
        throw new UnsupportedOperation('directives');
      }
      const conditionName = fragment.typeCondition?.name.value;
      const condition = conditionName === undefined ? null : schema.getType(conditionName);
      if (condition !== null && !isCompositeType(condition)) {
        throw new UnsupportedOperation(`type condition ${conditionName}`);
      }
      return {
        kind: 'fragment',
        condition,
        selections: selections(condition ?? parentType, fragment.selectionSet),
        applies: new Map(),
      };
    });

  return { schema, rootType, selections: selections(rootType, operation.selectionSet) };
}

/**
 * federation-internals' `isSubtype(type, maybeSubType)` for named composite types: the same
 * type, or a union that has it as a member, or an interface it declares it implements.
 */
export function isSubtype(type: GraphQLNamedType, maybeSubType: GraphQLNamedType): boolean {
  if (type.name === maybeSubType.name) return true;
  if (!isObjectType(maybeSubType) && !isInterfaceType(maybeSubType)) return false;
  if (isUnionType(type)) {
    return (
      isObjectType(maybeSubType) &&
      type.getTypes().some((member) => member.name === maybeSubType.name)
    );
  }
  if (isInterfaceType(type)) {
    return maybeSubType.getInterfaces().some((implemented) => implemented.name === type.name);
  }
  return false;
}
