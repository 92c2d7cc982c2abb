const EACH = /^\s*#\s*each member\s*$/;
const END = /^\s*#\s*end\s*$/;

/**
 * A GraphQL document written once for every member: the lines between `# each member` and
 * `# end` are repeated per member, the word MEMBER replaced by its namespace field (`fr`,
 * `de`, …). GraphQL has no way to say "every namespace field", and persisted operations cannot
 * be built at run time, so the membership is spelled out when the dashboard is built.
 */
export function expandMemberTemplate(template: string, members: readonly string[]): string {
  const out: string[] = [];
  let block: string[] | null = null;
  for (const [index, line] of template.split('\n').entries()) {
    if (EACH.test(line)) {
      if (block !== null) throw new Error(`line ${index + 1}: "# each member" inside another`);
      block = [];
    } else if (END.test(line)) {
      if (block === null) throw new Error(`line ${index + 1}: "# end" without "# each member"`);
      for (const member of members) {
        out.push(...block.map((text) => text.replace(/\bMEMBER\b/g, member)));
      }
      block = null;
    } else if (block !== null) {
      block.push(line);
    } else {
      if (/\bMEMBER\b/.test(line)) {
        throw new Error(`line ${index + 1}: MEMBER outside a "# each member" block`);
      }
      out.push(line);
    }
  }
  if (block !== null) throw new Error('"# each member" without "# end"');
  return out.join('\n');
}
