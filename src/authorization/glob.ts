/**
 * Compile an ACL-style glob (`*` any run of characters, `?` one character, everything else literal) into an
 * anchored RegExp. Unlike path globs, `*` also matches `/` and `@`, which identities contain
 * (`alice@example.org/laptop`, `nick!user@host`).
 */
export function compileGlob(pattern: string, caseInsensitive = false): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}
