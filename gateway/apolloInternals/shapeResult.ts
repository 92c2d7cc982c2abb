import { ERRORS } from '@apollo/federation-internals';
import { isCompositeType, isObjectType } from 'graphql';
import type { GraphQLError, GraphQLNamedType, GraphQLSchema } from 'graphql';
import { isSubtype } from './compileResultShape.js';
import type { ResultShape, ShapeSelection, ValueShape } from './compileResultShape.js';

type Path = (string | number)[];

/** One shaping pass: where it is, what went wrong, and the flags of the value just shaped. */
interface Shaping {
  schema: GraphQLSchema;
  path: Path;
  errors: GraphQLError[];
  /** The value just shaped was null where the schema forbids it: its parent becomes null. */
  invalid: boolean;
  /** The value just shaped, or something inside it, raised an error already. */
  hasErrors: boolean;
}

/**
 * Builds the response from the data the subgraphs returned, merged (`input`), as
 * @apollo/gateway's `computeResponse` does — the same keys in the same order, the same
 * nulls, the same errors with the same messages and paths — over a shape compiled once per
 * operation. Values that break the schema become null with an INVALID_GRAPHQL error; a
 * null in a non-null position nulls the nearest nullable parent. Errors are returned apart:
 * the executor decides where they go.
 *
 * The objects are plain (`{}`), not `Object.create(null)` as Apollo's: V8 keeps an object
 * without a prototype in dictionary mode, and `JSON.stringify` of a response made of them,
 * the next thing Apollo Server does with it, took about twice as long. Operations whose
 * response names plain objects inherit never get here (isInheritedName).
 */
export function shapeResult(
  shape: ResultShape,
  input: Record<string, unknown>,
): { data: Record<string, unknown> | null; errors: GraphQLError[] } {
  const shaping: Shaping = {
    schema: shape.schema,
    path: [],
    errors: [],
    invalid: false,
    hasErrors: false,
  };
  const data: Record<string, unknown> = {};
  const bubbled = applySelections(shaping, input, shape.selections, data, shape.rootType);
  return { data: bubbled ? null : data, errors: shaping.errors };
}

function invalidValue(shaping: Shaping, message: string) {
  shaping.errors.push(ERRORS.INVALID_GRAPHQL.err(message, { path: Array.from(shaping.path) }));
}

/** `field Party.name` / `array element of type String at index 2`: where a value failed. */
function describeLast(path: Path, typeName: string, parentType: GraphQLNamedType): string {
  const last = path[path.length - 1];
  return typeof last === 'string'
    ? `field ${parentType.name}.${last}`
    : `array element of type ${typeName} at index ${last}`;
}

function fragmentApplies(
  schema: GraphQLSchema,
  fragment: Extract<ShapeSelection, { kind: 'fragment' }>,
  typename: string | undefined,
  parentType: GraphQLNamedType,
): boolean {
  const { condition } = fragment;
  if (condition === null) return true;
  const key = typename ? `t:${typename}` : `p:${parentType.name}`;
  let applies = fragment.applies.get(key);
  if (applies === undefined) {
    const runtimeType = typename ? schema.getType(typename) : parentType;
    // A name the schema does not know is not remembered: a subgraph could send any number.
    if (!runtimeType) return false;
    applies = isSubtype(condition, runtimeType);
    fragment.applies.set(key, applies);
  }
  return applies;
}

/** Returns true when a null must bubble up to the parent of `output`. */
function applySelections(
  shaping: Shaping,
  input: Record<string, unknown>,
  selections: ShapeSelection[],
  output: Record<string, unknown>,
  parentType: GraphQLNamedType,
): boolean {
  for (const selection of selections) {
    if (selection.kind === 'field') {
      const { responseName } = selection;
      const inputValue =
        (Object.hasOwn(input, responseName) ? input[responseName] : undefined) ?? null;
      shaping.path.push(responseName);
      output[responseName] = updateValue(
        shaping,
        output[responseName],
        selection.value,
        inputValue,
        parentType,
      );
      shaping.path.pop();
      if (shaping.invalid) return true;
    } else if (selection.kind === 'typename') {
      const { responseName } = selection;
      if (output[responseName] !== undefined) continue;
      let named = (Object.hasOwn(input, responseName) ? input[responseName] : undefined) ?? null;
      if (named === null && responseName !== '__typename') named = input.__typename ?? null;
      const type =
        typeof named === 'string' ? (shaping.schema.getType(named) ?? parentType) : parentType;
      if (!isObjectType(type)) return true;
      output[responseName] = type.name;
    } else {
      const typename = input.__typename;
      if (typename && typeof typename !== 'string') {
        throw new Error(`Got unexpected value for __typename: ${typename}`);
      }
      if (
        fragmentApplies(shaping.schema, selection, typename as string | undefined, parentType) &&
        applySelections(
          shaping,
          input,
          selection.selections,
          output,
          selection.condition ?? parentType,
        )
      ) {
        return true;
      }
    }
  }
  return false;
}

/** The shaped value; `shaping.invalid` and `shaping.hasErrors` say how it went. */
function updateValue(
  shaping: Shaping,
  outputValue: unknown,
  shape: ValueShape,
  inputValue: unknown,
  parentType: GraphQLNamedType,
): unknown {
  shaping.invalid = false;
  shaping.hasErrors = false;
  // Seen before under another fragment: a leaf keeps its first value, a null stays null.
  if (outputValue === null || (outputValue !== undefined && !shape.selects)) return outputValue;
  if (shape.kind === 'nonNull') {
    const updated = updateValue(shaping, outputValue, shape.ofType, inputValue, parentType);
    if (updated !== null) {
      shaping.invalid = false;
      shaping.hasErrors = false;
      return updated;
    }
    if (!shaping.hasErrors) {
      invalidValue(
        shaping,
        `Cannot return null for non-nullable ${describeLast(shaping.path, shape.ofTypeName, parentType)}.`,
      );
    }
    shaping.invalid = true;
    shaping.hasErrors = true;
    return null;
  }
  if (inputValue === null) return null;
  if (shape.kind === 'list') {
    if (!Array.isArray(inputValue)) {
      throw new Error(
        `Invalid non-list value ${inputValue} returned by subgraph for list type ${shape.typeName}`,
      );
    }
    if (outputValue !== undefined && !Array.isArray(outputValue)) {
      throw new Error(
        `Invalid non-list value ${outputValue} returned by subgraph for list type ${shape.typeName}`,
      );
    }
    const before = outputValue as unknown[] | undefined;
    if (before && before.length !== inputValue.length) {
      throw new Error(
        `[${inputValue}].length (${inputValue.length}) !== [${before}].length (${before.length})`,
      );
    }
    let nullify = false;
    let hasErrors = false;
    const updated = new Array<unknown>(inputValue.length);
    for (let index = 0; index < inputValue.length; index++) {
      shaping.path.push(index);
      updated[index] = updateValue(
        shaping,
        before?.[index],
        shape.ofType,
        inputValue[index],
        parentType,
      );
      shaping.path.pop();
      nullify ||= shaping.invalid;
      hasErrors ||= shaping.hasErrors;
    }
    shaping.invalid = false;
    shaping.hasErrors = hasErrors;
    return nullify ? null : updated;
  }
  if (shape.kind === 'composite') {
    if (typeof inputValue !== 'object') {
      throw new Error(
        `Invalid non-object value ${inputValue} returned by subgraph for composite type ${shape.type.name}`,
      );
    }
    if (outputValue !== undefined && typeof outputValue !== 'object') {
      throw new Error(
        `Invalid non-object value ${inputValue} returned by subgraph for composite type ${shape.type.name}`,
      );
    }
    const object = inputValue as Record<string, unknown>;
    const typename = object.__typename;
    if (typename !== undefined && typeof typename !== 'string') {
      throw new Error(`Invalid non-string value ${typename} for __typename at ${shaping.path}`);
    }
    let objectType: GraphQLNamedType = shape.type;
    if (typename) {
      const named = shaping.schema.getType(typename);
      if (!named || !isCompositeType(named)) {
        invalidValue(
          shaping,
          `Invalid __typename found for object at ${describeLast(shaping.path, shape.type.name, parentType)}.`,
        );
        shaping.hasErrors = true;
        return null;
      }
      objectType = named;
    }
    const out = (outputValue as Record<string, unknown> | undefined) ?? {};
    const bubbled = applySelections(shaping, object, shape.selections, out, objectType);
    shaping.invalid = false;
    shaping.hasErrors = bubbled;
    return bubbled ? null : out;
  }
  const valid = shape.isValid(inputValue);
  if (!valid) {
    invalidValue(
      shaping,
      `Invalid value found for ${describeLast(shaping.path, shape.typeName, parentType)}.`,
    );
  }
  shaping.hasErrors = !valid;
  return valid ? inputValue : null;
}
