/**
 * A member's part of an answer whose fields are the members' namespace fields (`fr`, `de`, …):
 * generated per member, so typed per member; read here by the code the membership gives.
 */
export function perMember<T>(data: object | null | undefined, member: string): T | null {
  return ((data as Record<string, T | null | undefined> | null | undefined)?.[member] ??
    null) as T | null;
}

/** Variables that address one member of an operation generated with `@include(if: $<member>)`. */
export function forMember<V>(member: string, variables: object): V {
  return { ...variables, [member]: true } as V;
}
