import { BanterError } from '../errors/banter-error.ts';

/** One segment of a webhook path: fixed text, or a `:name` parameter that matches any one segment. */
export type PathSegment = { readonly kind: 'static'; readonly value: string } | { readonly kind: 'param'; readonly name: string };

/** A parsed webhook path such as `/github/:repo`. */
export interface WebhookPath {
  /** As declared, e.g. `/github/:repo`. */
  readonly text: string;
  readonly segments: readonly PathSegment[];
  /** The path with parameter names erased (`/github/:`): two paths with one shape match the same requests. */
  readonly shape: string;
}

const STATIC = /^[A-Za-z0-9._~-]+$/;
const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Parse a webhook path: `/` or `/`-separated segments, each fixed text (letters, digits, `-._~`) or a parameter
 * `:name`. Throws BanterError `E_WEBHOOK_OPTIONS` saying what is wrong, naming `where`.
 */
export function parseWebhookPath(text: string, where: string): WebhookPath {
  const fail = (why: string): never => {
    throw new BanterError('E_WEBHOOK_OPTIONS', `${where}: the path "${text}" ${why}`);
  };
  if (typeof text !== 'string' || !text.startsWith('/')) fail('must start with "/", e.g. "/github" or "/builds/:id"');
  if (text === '/') return { text, segments: [], shape: '/' };
  if (text.endsWith('/')) fail('must not end with "/"');
  const segments: PathSegment[] = [];
  const names = new Set<string>();
  for (const part of text.slice(1).split('/')) {
    if (part === '') fail('has an empty segment ("//")');
    const param = PARAM.exec(part);
    if (param) {
      const name = param[1]!;
      if (names.has(name)) fail(`uses the parameter ":${name}" twice`);
      names.add(name);
      segments.push({ kind: 'param', name });
    } else if (STATIC.test(part)) {
      segments.push({ kind: 'static', value: part });
    } else {
      fail(`has the segment "${part}": use letters, digits and "-._~", or ":name" for a parameter`);
    }
  }
  return { text, segments, shape: `/${segments.map((s) => (s.kind === 'static' ? s.value : ':')).join('/')}` };
}

/** The parameters of `path` when the request's decoded segments match it, else undefined. */
export function matchWebhookPath(path: WebhookPath, segments: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== path.segments.length) return undefined;
  // A null prototype: a parameter named like an Object.prototype member cannot shadow or pollute anything.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < segments.length; i++) {
    const pattern = path.segments[i]!;
    if (pattern.kind === 'static') {
      if (pattern.value !== segments[i]) return undefined;
    } else {
      params[pattern.name] = segments[i]!;
    }
  }
  return params;
}

/**
 * Negative when `a` is more specific than `b`: at the first position where they differ, fixed text wins over a
 * parameter. So `/builds/latest` is chosen over `/builds/:id` for `/builds/latest`.
 */
export function compareSpecificity(a: WebhookPath, b: WebhookPath): number {
  for (let i = 0; i < a.segments.length && i < b.segments.length; i++) {
    const x = a.segments[i]!.kind;
    const y = b.segments[i]!.kind;
    if (x !== y) return x === 'static' ? -1 : 1;
  }
  return 0;
}
