import { describe, expect, it } from 'vitest';
import { expandMemberTemplate } from '../../../scripts/dashboard/expandMemberTemplate.js';

describe('expandMemberTemplate', () => {
  it.each([
    [
      'a block per member',
      'query Q {\n  # each member\n  MEMBER { code }\n  # end\n}',
      ['fr', 'de'],
      'query Q {\n  fr { code }\n  de { code }\n}',
    ],
    [
      'variables and @include',
      '(\n  # each member\n  $MEMBER: Boolean! = false\n  # end\n)',
      ['sg'],
      '(\n  $sg: Boolean! = false\n)',
    ],
    [
      'a new member spelled out with no other change',
      '# each member\nMEMBER\n# end',
      ['fr', 'de', 'sg', 'it'],
      'fr\nde\nsg\nit',
    ],
    ['text outside blocks kept', 'fragment F on T { a }', ['fr'], 'fragment F on T { a }'],
    [
      'MEMBERSHIP is not MEMBER',
      '# each member\nMEMBER MEMBERSHIP\n# end',
      ['fr'],
      'fr MEMBERSHIP',
    ],
  ])('%s', (_title, template, members, expected) => {
    expect(expandMemberTemplate(template, members)).toBe(expected);
  });

  it.each([
    ['an unclosed block', '# each member\nMEMBER', /without "# end"/],
    ['an end without a block', '# end', /without "# each member"/],
    ['nested blocks', '# each member\n# each member\n# end\n# end', /inside another/],
    ['MEMBER outside a block', 'query { MEMBER { code } }', /outside/],
  ])('refuses %s', (_title, template, message) => {
    expect(() => expandMemberTemplate(template, ['fr'])).toThrow(message);
  });
});
