import { BanterError } from '../errors/banter-error.ts';

/**
 * Two webhooks of one plugin answer the same requests: the same path shape (parameter names aside) and a method
 * in common. Banter refuses rather than pick one. Webhooks of different plugins cannot collide: each plugin's
 * routes live under `/webhooks/<plugin name>`, and plugin names are unique.
 */
export class WebhookConflictError extends BanterError {
  readonly plugin: string;
  /** The full route, e.g. `POST /webhooks/ci/builds/:id`. */
  readonly route: string;
  /** The two methods (in declaration order) that declare it. */
  readonly methods: readonly [string, string];

  constructor(plugin: string, route: string, first: string, second: string) {
    super(
      'E_WEBHOOK_CONFLICT',
      `Plugin "${plugin}" declares ${route} twice, on ${first}() and ${second}(); give one of them another path or other methods.`,
    );
    this.plugin = plugin;
    this.route = route;
    this.methods = [first, second];
  }
}
