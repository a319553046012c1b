// `password=…`, `token: …`, `--secret …` and the shapes of common tokens (Slack, GitHub, bearer headers).
const SECRET_PAIR = /\b((?:pass(?:word)?|passwd|secret|token|api[-_]?key|auth)[=:]\s*|--(?:pass(?:word)?|secret|token|api[-_]?key)[= ])\S+/gi;
const TOKEN = /\b(?:xox[abprs]-[\w-]+|xapp-[\w-]+|gh[pousr]_\w{20,}|glpat-[\w-]{20,}|Bearer\s+[\w.~+/-]+=*)/g;

/**
 * Argument text fit for the audit log: values after `password=`, `token:`, `--secret` and the like, and
 * well-known token shapes, replaced by `***`.
 */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PAIR, '$1***').replace(TOKEN, '***');
}
