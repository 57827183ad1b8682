import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_KINDS, type CommandKind } from '../commands';

const rules = readFileSync(new URL('../../../firestore.rules', import.meta.url), 'utf8');

/** The body of a rules function, from its signature to the closing brace at its own indentation. */
function functionBody(name: string): string {
  const match = new RegExp(`\\n( *)function ${name}\\(payload\\) \\{\\n([\\s\\S]*?)\\n\\1\\}`).exec(rules);
  if (match?.[2] === undefined) throw new Error(`firestore.rules has no function ${name}(payload)`);
  return match[2];
}

/** Every kind a piece of the rules names: `payload.kind == 'x'` and `payload.kind in ['x', 'y']`. */
function kindsNamedIn(text: string): string[] {
  const compared = [...text.matchAll(/payload\.kind == '([^']+)'/g)].map((match) => match[1] ?? '');
  const listed = [...text.matchAll(/payload\.kind in \[([^\]]*)\]/g)].flatMap((match) =>
    [...(match[1] ?? '').matchAll(/'([^']+)'/g)].map((quoted) => quoted[1] ?? ''),
  );
  return [...compared, ...listed].sort();
}

const kindsFor = (role: 'operator' | 'admin'): string[] =>
  (Object.keys(COMMAND_KINDS) as CommandKind[]).filter((kind) => COMMAND_KINDS[kind].minimumRole === role).sort();

describe('firestore.rules and the command kinds of the contracts', () => {
  it('admit for operators exactly the kinds whose minimum role is operator', () => {
    expect(kindsNamedIn(functionBody('isOperatorCommand'))).toEqual(kindsFor('operator'));
  });

  it('admit for admins only exactly the kinds whose minimum role is admin', () => {
    expect(kindsNamedIn(functionBody('isAdminCommand'))).toEqual(kindsFor('admin'));
  });

  it('name no kind anywhere else, nor one the contracts do not know', () => {
    expect(kindsNamedIn(rules)).toEqual([...kindsFor('operator'), ...kindsFor('admin')].sort());
  });
});
